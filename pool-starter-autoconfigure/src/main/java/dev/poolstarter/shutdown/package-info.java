/**
 * The ordered, bounded shutdown of the starter's clients, usable without
 * auto-configuration.
 */
@NullMarked
package dev.poolstarter.shutdown;

import org.jspecify.annotations.NullMarked;
