/**
 * Adaptive sizing of a PostgreSQL pool within its share of the fleet budget.
 */
@NullMarked
package dev.poolstarter.postgres.adaptive;

import org.jspecify.annotations.NullMarked;
