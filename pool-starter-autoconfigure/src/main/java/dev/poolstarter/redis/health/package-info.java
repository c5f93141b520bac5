/**
 * Health of the Redis client by PING.
 */
@NullMarked
package dev.poolstarter.redis.health;

import org.jspecify.annotations.NullMarked;
