/**
 * PgBouncer in front of PostgreSQL: its admin console, the checks of what transaction pooling breaks, and its meters.
 */
@NullMarked
package dev.poolstarter.postgres.pgbouncer;

import org.jspecify.annotations.NullMarked;
