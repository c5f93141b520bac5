package dev.poolstarter.redis.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poolstarter.test.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MissedCacheWrites}, against a real Redis.
 */
class MissedCacheWritesTests {

	private final TestRedis.Server server = TestRedis.get();

	private final String cache = "missed-writes-" + UUID.randomUUID();

	private @Nullable LettuceConnectionFactory factory;

	private RedisCacheWriter writer;

	@BeforeEach
	void connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.server.host(), this.server.port()));
		factory.afterPropertiesSet();
		factory.start();
		this.factory = factory;
		this.writer = RedisCacheWriter.nonLockingRedisCacheWriter(factory);
	}

	@AfterEach
	void close() {
		if (this.factory != null) {
			this.writer.clear(this.cache, key("*"));
			this.factory.destroy();
		}
	}

	@Test
	void replayEvictsTheEntriesOfTheMissedWritesAndForgetsThem() {
		MissedCacheWrites missed = new MissedCacheWrites();
		for (int id = 1; id <= 3; id++) {
			this.writer.put(this.cache, key(Integer.toString(id)), value(id), Duration.ZERO);
			missed.add(this.writer, this.cache, key(Integer.toString(id)), false);
		}
		this.writer.put(this.cache, key("kept"), value(4), Duration.ZERO);
		assertThat(missed.replay()).isEqualTo(3);
		assertThat(missed.isEmpty()).isTrue();
		assertThat(exists("1")).isFalse();
		assertThat(exists("3")).isFalse();
		assertThat(exists("kept")).as("an entry that no missed write touched").isTrue();
	}

	@Test
	void aWriterThatCannotRunCommandsHasTheEntriesEvictedOneByOne() {
		// an application's own writer that delegates the cache operations and not execute(),
		// whose default throws UnsupportedOperationException
		AtomicInteger evictions = new AtomicInteger();
		RedisCacheWriter delegating = new DelegatingWriter(this.writer, evictions);
		MissedCacheWrites missed = new MissedCacheWrites();
		for (int id = 1; id <= 3; id++) {
			this.writer.put(this.cache, key(Integer.toString(id)), value(id), Duration.ZERO);
			missed.add(delegating, this.cache, key(Integer.toString(id)), false);
		}
		assertThat(missed.replay()).isEqualTo(3);
		assertThat(evictions).as("one eviction per key").hasValue(3);
		assertThat(missed.isEmpty()).isTrue();
		// the writer may evict asynchronously
		await().atMost(Duration.ofSeconds(10)).until(() -> !exists("1") && !exists("2") && !exists("3"));
	}

	@Test
	void aMissedClearIsReplayedByItsPattern() {
		MissedCacheWrites missed = new MissedCacheWrites();
		this.writer.put(this.cache, key("a"), value(1), Duration.ZERO);
		this.writer.put(this.cache, key("b"), value(2), Duration.ZERO);
		missed.add(this.writer, this.cache, key("*"), true);
		assertThat(missed.replay()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> !exists("a") && !exists("b"));
		assertThat(missed.isEmpty()).isTrue();
	}

	private boolean exists(String id) {
		return this.writer.get(this.cache, key(id)) != null;
	}

	private byte[] key(String id) {
		return (this.cache + "::" + id).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] value(int id) {
		return ("value-" + id).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A writer that passes every cache operation on, counting evictions, and leaves {@link
	 * RedisCacheWriter#execute} to the interface's default.
	 */
	private record DelegatingWriter(RedisCacheWriter delegate, AtomicInteger evictions) implements RedisCacheWriter {

		@Override
		public byte @Nullable [] get(String name, byte[] key) {
			return this.delegate.get(name, key);
		}

		@Override
		public CompletableFuture<byte @Nullable []> retrieve(String name, byte[] key, @Nullable Duration ttl) {
			return this.delegate.retrieve(name, key, ttl);
		}

		@Override
		public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
			this.delegate.put(name, key, value, ttl);
		}

		@Override
		public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
			return this.delegate.store(name, key, value, ttl);
		}

		@Override
		public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
			return this.delegate.putIfAbsent(name, key, value, ttl);
		}

		@Override
		public void evict(String name, byte[] key) {
			this.evictions.incrementAndGet();
			this.delegate.evict(name, key);
		}

		@Override
		public void clear(String name, byte[] pattern) {
			this.delegate.clear(name, pattern);
		}

		@Override
		public void clearStatistics(String name) {
			this.delegate.clearStatistics(name);
		}

		@Override
		public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector collector) {
			return new DelegatingWriter(this.delegate.withStatisticsCollector(collector), this.evictions);
		}

		@Override
		public CacheStatistics getCacheStatistics(String cacheName) {
			return this.delegate.getCacheStatistics(cacheName);
		}

	}

}
