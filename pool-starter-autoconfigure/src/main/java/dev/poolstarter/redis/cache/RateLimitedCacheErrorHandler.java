package dev.poolstarter.redis.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.util.Assert;

/**
 * A {@link CacheErrorHandler} that treats a failing cache as absent: a failed read is a
 * miss, so the call goes to the method, and a failed write is dropped. It logs one
 * warning per interval with the cause and the number of errors it left out, rather than
 * one line per call, since a cache outage fails every call at once.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RateLimitedCacheErrorHandler implements CacheErrorHandler {

	private static final Log logger = LogFactory.getLog(RateLimitedCacheErrorHandler.class);

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong nextLogAt;

	private final AtomicLong unlogged = new AtomicLong();

	/**
	 * Create a handler.
	 * @param interval the shortest time between two warnings
	 */
	public RateLimitedCacheErrorHandler(Duration interval) {
		this(interval, System::nanoTime);
	}

	RateLimitedCacheErrorHandler(Duration interval, LongSupplier nanoTime) {
		Assert.isTrue(!interval.isNegative(), "'interval' must not be negative");
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.nextLogAt = new AtomicLong(nanoTime.getAsLong());
	}

	@Override
	public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
		log("get from", cache, exception);
	}

	@Override
	public void handleCachePutError(RuntimeException exception, Cache cache, Object key, @Nullable Object value) {
		log("put into", cache, exception);
	}

	@Override
	public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
		log("evict from", cache, exception);
	}

	@Override
	public void handleCacheClearError(RuntimeException exception, Cache cache) {
		log("clear of", cache, exception);
	}

	private void log(String operation, Cache cache, RuntimeException exception) {
		long now = this.nanoTime.getAsLong();
		long next = this.nextLogAt.get();
		if (now - next < 0 || !this.nextLogAt.compareAndSet(next, now + this.intervalNanos)) {
			this.unlogged.incrementAndGet();
			return;
		}
		long others = this.unlogged.getAndSet(0);
		// keys stay out of the log: they can hold personal data
		String message = "Cache " + operation + " '" + cache.getName() + "' failed, the cache is bypassed: "
				+ RedisCacheFailures.describe(exception)
				+ ((others > 0) ? " (and " + others + " more cache errors since the last report)" : "");
		if (logger.isDebugEnabled()) {
			logger.warn(message, exception);
		}
		else {
			logger.warn(message);
		}
	}

}
