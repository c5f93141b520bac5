/**
 * Slow statements: what {@code pg_stat_statements} says about the pool's database, sampled on a schedule of its own.
 */
@NullMarked
package dev.poolstarter.postgres.statements;

import org.jspecify.annotations.NullMarked;
