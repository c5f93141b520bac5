/**
 * Health of a PostgreSQL pool from both sides: the pool's counters and the server's sessions.
 */
@NullMarked
package dev.poolstarter.postgres.health;

import org.jspecify.annotations.NullMarked;
