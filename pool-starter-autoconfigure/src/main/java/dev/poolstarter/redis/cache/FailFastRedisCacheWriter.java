package dev.poolstarter.redis.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;

/**
 * A {@link RedisCacheWriter} that skips Redis while its {@link RedisCacheBreaker} is open:
 * reads and writes then throw {@link RedisCacheUnavailableException} at once instead of
 * waiting for a command timeout or a queue, and the cache's {@code CacheErrorHandler}
 * decides what the caller sees. Writes that did not reach Redis are remembered so that
 * their entries are evicted when it is back.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class FailFastRedisCacheWriter implements RedisCacheWriter {

	private final RedisCacheWriter delegate;

	private final RedisCacheBreaker breaker;

	/**
	 * Wrap a cache writer.
	 * @param delegate the writer that talks to Redis, such as
	 * {@link RedisCacheWriter#nonLockingRedisCacheWriter}
	 * @param breaker the breaker that says when to skip Redis
	 */
	public FailFastRedisCacheWriter(RedisCacheWriter delegate, RedisCacheBreaker breaker) {
		this.delegate = delegate;
		this.breaker = breaker;
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key) {
		return read(() -> this.delegate.get(name, key));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, @Nullable Duration ttl) {
		return read(() -> this.delegate.get(name, key, ttl));
	}

	@Override
	public byte[] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		return read(() -> this.delegate.get(name, key, valueLoader, ttl, timeToIdleEnabled));
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		RedisCacheUnavailableException unavailable = this.breaker.bypass();
		if (unavailable != null) {
			return CompletableFuture.failedFuture(unavailable);
		}
		return this.delegate.retrieve(name, key, ttl).whenComplete((value, ex) -> {
			if (ex != null) {
				this.breaker.failed(unwrap(ex));
			}
		});
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		write(name, key, false, () -> {
			this.delegate.put(name, key, value, ttl);
			return null;
		});
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		RedisCacheUnavailableException unavailable = this.breaker.bypass();
		if (unavailable != null) {
			this.breaker.missed(this.delegate, name, key, false);
			return CompletableFuture.failedFuture(unavailable);
		}
		return this.delegate.store(name, key, value, ttl).whenComplete((stored, ex) -> {
			if (ex != null && this.breaker.failed(unwrap(ex))) {
				this.breaker.missed(this.delegate, name, key, false);
			}
		});
	}

	@Override
	public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return write(name, key, false, () -> this.delegate.putIfAbsent(name, key, value, ttl));
	}

	@Override
	public void evict(String name, byte[] key) {
		write(name, key, false, () -> {
			this.delegate.evict(name, key);
			return null;
		});
	}

	@Override
	public boolean evictIfPresent(String name, byte[] key) {
		return Boolean.TRUE.equals(write(name, key, false, () -> this.delegate.evictIfPresent(name, key)));
	}

	@Override
	public void clear(String name, byte[] pattern) {
		write(name, pattern, true, () -> {
			this.delegate.clear(name, pattern);
			return null;
		});
	}

	@Override
	public boolean invalidate(String name, byte[] pattern) {
		return Boolean.TRUE.equals(write(name, pattern, true, () -> this.delegate.invalidate(name, pattern)));
	}

	@Override
	public <T extends @Nullable Object> T execute(Function<RedisConnection, T> callback) {
		return read(() -> this.delegate.execute(callback));
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector cacheStatisticsCollector) {
		return new FailFastRedisCacheWriter(this.delegate.withStatisticsCollector(cacheStatisticsCollector),
				this.breaker);
	}

	private <T extends @Nullable Object> T read(Supplier<T> call) {
		RedisCacheUnavailableException unavailable = this.breaker.bypass();
		if (unavailable != null) {
			throw unavailable;
		}
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			this.breaker.failed(ex);
			throw ex;
		}
	}

	private <T extends @Nullable Object> T write(String name, byte[] keyOrPattern, boolean pattern, Supplier<T> call) {
		RedisCacheUnavailableException unavailable = this.breaker.bypass();
		if (unavailable != null) {
			this.breaker.missed(this.delegate, name, keyOrPattern, pattern);
			throw unavailable;
		}
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			if (this.breaker.failed(ex)) {
				this.breaker.missed(this.delegate, name, keyOrPattern, pattern);
			}
			throw ex;
		}
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
