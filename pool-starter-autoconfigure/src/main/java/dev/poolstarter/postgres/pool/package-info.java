/**
 * The HikariCP pool at run time: its connection attempts, its usage, and the typed failures it answers callers with.
 */
@NullMarked
package dev.poolstarter.postgres.pool;

import org.jspecify.annotations.NullMarked;
