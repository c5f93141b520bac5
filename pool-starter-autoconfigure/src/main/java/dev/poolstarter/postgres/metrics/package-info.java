/**
 * Micrometer meters of a PostgreSQL pool and its server.
 */
@NullMarked
package dev.poolstarter.postgres.metrics;

import org.jspecify.annotations.NullMarked;
