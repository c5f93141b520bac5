/**
 * Auto-configuration of the application's HikariCP pool for PostgreSQL.
 */
@NullMarked
package dev.poolstarter.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
