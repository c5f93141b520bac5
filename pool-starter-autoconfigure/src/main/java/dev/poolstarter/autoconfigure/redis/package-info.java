/**
 * Auto-configuration of the Redis (Lettuce) client, its health, meters and cache; wiring
 * only.
 */
@NullMarked
package dev.poolstarter.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
