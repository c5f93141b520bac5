/**
 * Micrometer meters of the Redis client and its optional connection pool.
 */
@NullMarked
package dev.poolstarter.redis.metrics;

import org.jspecify.annotations.NullMarked;
