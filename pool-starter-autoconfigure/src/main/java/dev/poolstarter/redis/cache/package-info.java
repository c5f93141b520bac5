/**
 * Spring Cache on Redis through an outage: calls skip Redis while it is down and come back by themselves.
 */
@NullMarked
package dev.poolstarter.redis.cache;

import org.jspecify.annotations.NullMarked;
