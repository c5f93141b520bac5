/**
 * Servers for running the sample in the dev profile: what is configured, a server on its
 * local port, Docker Compose, or embedded servers the sample starts and stops itself.
 */
@NullMarked
package dev.poolstarter.sample.devservers;

import org.jspecify.annotations.NullMarked;
