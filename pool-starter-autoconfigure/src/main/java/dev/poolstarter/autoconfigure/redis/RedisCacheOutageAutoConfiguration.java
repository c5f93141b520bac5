package dev.poolstarter.autoconfigure.redis;

import io.lettuce.core.resource.ClientResources;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.redis.cache.FailFastRedisCacheWriter;
import dev.poolstarter.redis.cache.LettuceCacheBreakerListener;
import dev.poolstarter.redis.cache.RateLimitedCacheErrorHandler;
import dev.poolstarter.redis.cache.RedisCacheBreaker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of a Spring Cache on Redis that rides out a Redis outage: Spring
 * Boot's {@code RedisCacheManager} gets a {@link FailFastRedisCacheWriter} that skips
 * Redis while a {@link RedisCacheBreaker} knows it to be unavailable, and cache errors
 * become misses, logged once per interval by a {@link RateLimitedCacheErrorHandler}. The
 * application's own {@link CachingConfigurer}, {@link CacheErrorHandler} bean, cache
 * writer set by a {@link RedisCacheManagerBuilderCustomizer}, or cache manager win.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisPoolAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ RedisCacheWriter.class, RedisCacheManagerBuilderCustomizer.class })
@ConditionalOnBean({ RedisConnectionFactory.class, CacheAspectSupport.class })
@ConditionalOnBooleanProperty(name = "pool.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PoolProperties.class)
public final class RedisCacheOutageAutoConfiguration {

	RedisCacheOutageAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisCacheBreaker redisCacheBreaker(RedisConnectionFactory connectionFactory, PoolProperties properties) {
		return new RedisCacheBreaker(connectionFactory, properties.getCache().getProbeInterval());
	}

	// first, so that an application's customizer that sets a writer of its own wins
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RedisCacheManagerBuilderCustomizer failFastRedisCacheWriterCustomizer(RedisConnectionFactory connectionFactory,
			RedisCacheBreaker breaker) {
		return (builder) -> builder.cacheWriter(
				new FailFastRedisCacheWriter(RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory), breaker));
	}

	@Bean
	@ConditionalOnMissingBean(CacheErrorHandler.class)
	RateLimitedCacheErrorHandler cacheErrorHandler(PoolProperties properties) {
		return new RateLimitedCacheErrorHandler(properties.getCache().getLogInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	CachingConfigurer poolCachingConfigurer(ObjectProvider<CacheErrorHandler> errorHandler) {
		return new CachingConfigurer() {

			@Override
			public CacheErrorHandler errorHandler() {
				return errorHandler.getIfUnique();
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientResources.class)
	@ConditionalOnBean(ClientResources.class)
	static class LettuceEventsConfiguration {

		@Bean(destroyMethod = "close")
		LettuceCacheBreakerListener lettuceCacheBreakerListener(ClientResources resources, RedisCacheBreaker breaker) {
			return new LettuceCacheBreakerListener(resources, breaker);
		}

	}

}
