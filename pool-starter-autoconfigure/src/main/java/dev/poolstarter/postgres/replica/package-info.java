/**
 * Read replicas: their plan, the routing of read-only work, lag and fallback, health details and meters.
 */
@NullMarked
package dev.poolstarter.postgres.replica;

import org.jspecify.annotations.NullMarked;
