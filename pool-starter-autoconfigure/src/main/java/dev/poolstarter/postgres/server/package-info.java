/**
 * What the server says: its facts at start-up, its sessions sampled at run time, and the fleet's share of its connections.
 */
@NullMarked
package dev.poolstarter.postgres.server;

import org.jspecify.annotations.NullMarked;
