package dev.poolstarter.autoconfigure.redis;

import org.junit.jupiter.api.Test;

import dev.poolstarter.redis.cache.FailFastRedisCacheWriter;
import dev.poolstarter.redis.cache.LettuceCacheBreakerListener;
import dev.poolstarter.redis.cache.RateLimitedCacheErrorHandler;
import dev.poolstarter.redis.cache.RedisCacheBreaker;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.SimpleCacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisCacheOutageAutoConfiguration}.
 */
class RedisCacheOutageAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CacheAutoConfiguration.class, RedisCacheOutageAutoConfiguration.class))
		.withUserConfiguration(CachingOn.class)
		.withPropertyValues("spring.cache.type=redis", "spring.cache.cache-names=listings",
				"pool.redis.url=redis://127.0.0.1:6379");

	@Test
	void redisCacheSkipsRedisWhileItIsDownAndTreatsErrorsAsMisses() {
		this.contextRunner.run((context) -> {
			assertThat(writer(context)).isInstanceOf(FailFastRedisCacheWriter.class);
			assertThat(context).hasSingleBean(RedisCacheBreaker.class)
				.hasSingleBean(LettuceCacheBreakerListener.class);
			assertThat(context.getBean(CachingConfigurer.class).errorHandler())
				.isInstanceOf(RateLimitedCacheErrorHandler.class);
		});
	}

	@Test
	void cacheStatisticsKeepTheFailFastWriter() {
		this.contextRunner.withPropertyValues("spring.cache.redis.enable-statistics=true")
			.run((context) -> assertThat(writer(context)).isInstanceOf(FailFastRedisCacheWriter.class));
	}

	@Test
	void backsOffWhenDisabledByProperty() {
		this.contextRunner.withPropertyValues("pool.cache.enabled=false").run((context) -> {
			assertThat(writer(context)).isNotInstanceOf(FailFastRedisCacheWriter.class);
			assertThat(context).doesNotHaveBean(RedisCacheBreaker.class).doesNotHaveBean(CachingConfigurer.class);
		});
	}

	@Test
	void backsOffWithoutCaching() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
					CacheAutoConfiguration.class, RedisCacheOutageAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCacheBreaker.class)
				.doesNotHaveBean(CacheErrorHandler.class));
	}

	@Test
	void backsOffWithoutSpringBootsCacheModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisCacheManagerBuilderCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCacheBreaker.class));
	}

	@Test
	void applicationsCachingConfigurerWins() {
		this.contextRunner.withUserConfiguration(OwnCachingConfigurer.class).run((context) -> {
			assertThat(context.getBean(CachingConfigurer.class).errorHandler())
				.isInstanceOf(SimpleCacheErrorHandler.class);
			assertThat(writer(context)).as("the writer still fails fast").isInstanceOf(FailFastRedisCacheWriter.class);
		});
	}

	@Test
	void applicationsCacheErrorHandlerIsTheOneUsed() {
		this.contextRunner.withUserConfiguration(OwnErrorHandler.class)
			.run((context) -> assertThat(context.getBean(CachingConfigurer.class).errorHandler())
				.isSameAs(context.getBean("ownErrorHandler")));
	}

	@Test
	void applicationsCacheWriterWins() {
		this.contextRunner.withUserConfiguration(OwnCacheWriter.class)
			.run((context) -> assertThat(writer(context)).isSameAs(context.getBean(OwnCacheWriter.class).writer));
	}

	private static RedisCacheWriter writer(AssertableApplicationContext context) {
		RedisCache cache = (RedisCache) context.getBean(RedisCacheManager.class).getCache("listings");
		assertThat(cache).isNotNull();
		return cache.getNativeCache();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingOn {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCachingConfigurer implements CachingConfigurer {

		@Override
		public CacheErrorHandler errorHandler() {
			return new SimpleCacheErrorHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnErrorHandler {

		@Bean
		CacheErrorHandler ownErrorHandler() {
			return new SimpleCacheErrorHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheWriter {

		private RedisCacheWriter writer;

		@Bean
		RedisCacheManagerBuilderCustomizer ownCacheWriter(RedisConnectionFactory connectionFactory) {
			return (builder) -> {
				this.writer = RedisCacheWriter.lockingRedisCacheWriter(connectionFactory);
				builder.cacheWriter(this.writer);
			};
		}

	}

}
