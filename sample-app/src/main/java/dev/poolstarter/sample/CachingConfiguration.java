package dev.poolstarter.sample;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/**
 * Reads cached in Redis. The starter lets the cache ride out a Redis outage: while Redis
 * is away, reads go to PostgreSQL at once instead of waiting for a command timeout, and
 * cache errors are logged once per interval with their cause.
 *
 * @author pool-starter
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration {

}
