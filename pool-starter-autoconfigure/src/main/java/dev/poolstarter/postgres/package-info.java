/**
 * PostgreSQL pools: settings and built-in profiles, the plan and its planner, the server probe, the HikariCP pool the plan builds, and what the pool observes at run time.
 */
@NullMarked
package dev.poolstarter.postgres;

import org.jspecify.annotations.NullMarked;
