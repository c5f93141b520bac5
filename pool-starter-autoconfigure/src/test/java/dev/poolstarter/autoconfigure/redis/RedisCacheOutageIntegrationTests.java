package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.redis.cache.RateLimitedCacheErrorHandler;
import dev.poolstarter.redis.cache.RedisCacheBreaker;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of a Spring Cache on Redis through {@link RedisCacheOutageAutoConfiguration},
 * against private redis-servers that the tests stop, restart and freeze.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisCacheOutageIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CacheAutoConfiguration.class, RedisCacheOutageAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class)
		.withPropertyValues("spring.application.name=cache-outage-it", "spring.cache.type=redis",
				"spring.cache.cache-names=listings", "spring.cache.redis.key-prefix=cache-outage-it:");

	@Test
	void whileRedisIsDownCacheCallsSkipItAtOnceAndTheCacheWorksAgainOnceItIsBack(CapturedOutput output) {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.profile=dev", "pool.redis.url=" + redis.url()).run((context) -> {
				ListingService listings = context.getBean(ListingService.class);
				RedisCacheBreaker breaker = context.getBean(RedisCacheBreaker.class);
				listings.find(1);
				awaitEntry(redis, 1);
				listings.find(1);
				assertThat(listings.loads()).as("the second read came from Redis").isEqualTo(1);
				redis.stop();
				await().atMost(Duration.ofSeconds(10)).until(breaker::isOpen);
				long start = System.nanoTime();
				for (int i = 0; i < 200; i++) {
					assertThat(listings.find(1)).isEqualTo("listing 1");
				}
				assertThat(Duration.ofNanos(System.nanoTime() - start))
					.as("200 reads that skip Redis, where each would wait for the 5s command timeout")
					.isLessThan(Duration.ofSeconds(2));
				assertThat(listings.loads()).isEqualTo(201);
				assertThat(output.getOut().lines().filter((line) -> line.contains("' failed, the cache is bypassed")))
					.as("one warning for 400 cache errors")
					.hasSize(1);
				redis.start();
				await().atMost(Duration.ofSeconds(20)).until(() -> !breaker.isOpen());
				listings.find(1);
				awaitEntry(redis, 1);
				listings.find(1);
				assertThat(listings.loads()).as("cached again").isEqualTo(202);
				assertThat(output).contains("Redis available to the cache again after");
			});
		}
	}

	@Test
	void entryUpdatedWhileRedisDidNotAnswerIsEvictedOnceItAnswers() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.redis.url=" + redis.url(), "pool.redis.command-timeout=500ms")
				.run((context) -> {
					ListingService listings = context.getBean(ListingService.class);
					RedisCacheBreaker breaker = context.getBean(RedisCacheBreaker.class);
					assertThat(listings.find(7)).isEqualTo("listing 7");
					awaitEntry(redis, 7);
					redis.freeze();
					assertThat(listings.find(8)).isEqualTo("listing 8");
					assertThat(breaker.isOpen()).as("the read timed out").isTrue();
					assertThat(listings.update(7, "listing 7, updated")).isEqualTo("listing 7, updated");
					redis.thaw();
					await().atMost(Duration.ofSeconds(20)).until(() -> !breaker.isOpen());
					assertThat(listings.find(7)).as("not the entry cached before the update")
						.isEqualTo("listing 7, updated");
				});
		}
	}

	@Test
	void thousandsOfEntriesWrittenDuringAnOutageAreEvictedWithoutFloodingTheClientsRequestQueue(
			CapturedOutput output) {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.redis.url=" + redis.url(), "pool.redis.command-timeout=500ms")
				.run((context) -> {
					ListingService listings = context.getBean(ListingService.class);
					RedisCacheBreaker breaker = context.getBean(RedisCacheBreaker.class);
					for (long id = 0; id < 3000; id++) {
						listings.find(id);
					}
					await().atMost(Duration.ofSeconds(20))
						.until(() -> TestRedis.command("127.0.0.1", redis.port(), "DBSIZE"), ":3000"::equals);
					redis.freeze();
					listings.find(5000);
					assertThat(breaker.isOpen()).isTrue();
					for (long id = 0; id < 3000; id++) {
						listings.update(id, "listing " + id + ", updated");
					}
					redis.thaw();
					await().atMost(Duration.ofSeconds(30)).until(() -> !breaker.isOpen());
					assertThat(output).as("3000 updates and the entry read while Redis did not answer")
						.contains("3001 entries written meanwhile evicted")
						.doesNotContain("Internal stack size exceeded");
					for (long id = 0; id < 3000; id += 299) {
						assertThat(listings.find(id)).isEqualTo("listing " + id + ", updated");
					}
				});
		}
	}

	@Test
	void redisAbsentAtStartUpIsSkippedAfterTheFirstRefusedCall() {
		this.contextRunner.withPropertyValues("pool.redis.url=redis://127.0.0.1:" + FreePort.closed()).run((context) -> {
			ListingService listings = context.getBean(ListingService.class);
			assertThat(listings.find(3)).isEqualTo("listing 3");
			assertThat(context.getBean(RedisCacheBreaker.class).isOpen()).isTrue();
			assertThat(listings.find(3)).isEqualTo("listing 3");
			assertThat(listings.loads()).isEqualTo(2);
			assertThat(context.getBean(CacheErrorHandler.class)).isInstanceOf(RateLimitedCacheErrorHandler.class);
		});
	}

	// Spring Data Redis writes cache entries asynchronously
	private static void awaitEntry(TestRedis.PrivateRedis redis, long id) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> TestRedis.command("127.0.0.1", redis.port(), "EXISTS", "cache-outage-it:listings::" + id),
					":1"::equals);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		ListingService listingService() {
			return new ListingService();
		}

	}

	static class ListingService {

		private final Map<Long, String> rows = new ConcurrentHashMap<>();

		private final AtomicInteger loads = new AtomicInteger();

		@Cacheable("listings")
		public String find(long id) {
			this.loads.incrementAndGet();
			return this.rows.getOrDefault(id, "listing " + id);
		}

		@CachePut(cacheNames = "listings", key = "#id")
		public String update(long id, String value) {
			this.rows.put(id, value);
			return value;
		}

		int loads() {
			return this.loads.get();
		}

	}

}
