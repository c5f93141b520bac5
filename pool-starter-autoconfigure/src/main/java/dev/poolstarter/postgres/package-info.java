/**
 * PostgreSQL pools: the plan and its planner, the server probe, the pool the plan builds,
 * and the checks that run once the server answers.
 */
@NullMarked
package dev.poolstarter.postgres;

import org.jspecify.annotations.NullMarked;
