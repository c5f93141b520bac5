/**
 * PostgreSQL settings: the layered values and the built-in profile tables, the database URL, and what they become for pgjdbc.
 */
@NullMarked
package dev.poolstarter.postgres.settings;

import org.jspecify.annotations.NullMarked;
