/**
 * The Redis (Lettuce) client: settings and built-in profiles, the plan and its planner, and the connection factory it builds.
 */
@NullMarked
package dev.poolstarter.redis;

import org.jspecify.annotations.NullMarked;
