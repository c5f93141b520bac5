package dev.poolstarter.redis.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Knows whether Redis is available to a Spring Cache. A cache call that fails for want of
 * Redis opens it, and so does a client's failed reconnect; while it is open,
 * {@link FailFastRedisCacheWriter cache calls} skip Redis at once, and a background
 * {@code PING} every probe interval closes it when Redis answers again, after evicting
 * the entries that writes missed meanwhile.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisCacheBreaker implements AutoCloseable {

	/**
	 * Most writes remembered during one outage, to evict their entries when it ends.
	 */
	public static final int MAX_MISSED_WRITES = 10_000;

	private static final int REPLAY_ROUNDS_BEFORE_CLOSING = 5;

	private static final Log logger = LogFactory.getLog(RedisCacheBreaker.class);

	private final RedisConnectionFactory connectionFactory;

	private final Duration probeInterval;

	private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pool-redis-cache-probe");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable Outage outage;

	private @Nullable ScheduledFuture<?> nextProbe;

	private final MissedCacheWrites missedWrites = new MissedCacheWrites();

	/**
	 * Create a breaker.
	 * @param connectionFactory the connection factory whose {@code PING} shows that Redis
	 * is back
	 * @param probeInterval how often to send that {@code PING} while Redis is unavailable
	 */
	public RedisCacheBreaker(RedisConnectionFactory connectionFactory, Duration probeInterval) {
		Assert.isTrue(!probeInterval.isNegative() && !probeInterval.isZero(), "'probeInterval' must be positive");
		this.connectionFactory = connectionFactory;
		this.probeInterval = probeInterval;
	}

	/**
	 * Whether cache calls skip Redis now.
	 * @return whether Redis is known or suspected to be unavailable
	 */
	public boolean isOpen() {
		return this.outage != null;
	}

	/**
	 * A client connection to Redis was lost and could not be made again: skip Redis until
	 * a {@code PING} answers, and say so only if that {@code PING} fails too.
	 * @param cause why the reconnect failed
	 */
	public void connectionLost(Throwable cause) {
		open(cause, false);
	}

	/**
	 * A client connection to Redis is up again: probe now rather than at the next
	 * interval.
	 */
	public void connectionRestored() {
		if (isOpen()) {
			scheduleProbe(Duration.ZERO);
		}
	}

	/**
	 * Return the exception that a cache call throws instead of calling Redis, counting the
	 * call as skipped, or {@code null} when the call should go to Redis.
	 */
	@Nullable RedisCacheUnavailableException bypass() {
		Outage current = this.outage;
		if (current == null) {
			return null;
		}
		current.skipped().increment();
		return new RedisCacheUnavailableException(current.message(), current.since(), current.cause());
	}

	/**
	 * Take note of a cache call that failed, and open when it failed for want of Redis.
	 * @return whether it did
	 */
	boolean failed(Throwable ex) {
		if (!RedisCacheFailures.isUnavailable(ex)) {
			return false;
		}
		open(ex, true);
		return true;
	}

	/**
	 * Remember a write that did not reach Redis, so that its entry, which may now be
	 * stale, is evicted once Redis is back.
	 */
	void missed(RedisCacheWriter writer, String cacheName, byte[] keyOrPattern, boolean pattern) {
		synchronized (this) {
			if (isOpen()) {
				this.missedWrites.add(writer, cacheName, keyOrPattern, pattern);
				return;
			}
		}
		// closed in the meantime: Redis answers again
		if (pattern) {
			writer.clear(cacheName, keyOrPattern);
		}
		else {
			writer.evict(cacheName, keyOrPattern);
		}
	}

	private synchronized void open(Throwable cause, boolean confirmed) {
		Outage current = this.outage;
		if (current == null) {
			this.outage = Outage.start(cause, confirmed);
			if (confirmed) {
				logger.warn(this.outage.message() + "; probing every " + this.probeInterval.toMillis() + " ms");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Redis reconnect failed, cache calls skip Redis until a PING answers: "
						+ RedisCacheFailures.describe(cause));
			}
			scheduleProbe(confirmed ? this.probeInterval : Duration.ZERO);
		}
		else if (confirmed && !current.confirmed()) {
			this.outage = current.confirm(cause);
			logger.warn(this.outage.message() + "; probing every " + this.probeInterval.toMillis() + " ms");
		}
	}

	private synchronized void scheduleProbe(Duration delay) {
		ScheduledFuture<?> scheduled = this.nextProbe;
		if (scheduled != null && !scheduled.isDone()) {
			boolean sooner = delay.isZero() && scheduled.getDelay(TimeUnit.NANOSECONDS) > 0 && scheduled.cancel(false);
			if (!sooner) {
				return;
			}
		}
		try {
			this.nextProbe = this.prober.schedule(this::probe, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed with the application context
		}
	}

	private void probe() {
		synchronized (this) {
			this.nextProbe = null;
		}
		if (!isOpen()) {
			return;
		}
		try {
			ping();
			closeAfterReplay();
		}
		catch (RuntimeException ex) {
			open(ex, true);
			scheduleProbe(this.probeInterval);
		}
	}

	private void ping() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
		}
	}

	/**
	 * Evict what writes missed, then close. Under load, cache calls keep missing writes
	 * while the breaker is open, so after a few rounds it closes first and evicts the
	 * last few right after.
	 */
	private void closeAfterReplay() {
		int evicted = 0;
		for (int round = 0; round < REPLAY_ROUNDS_BEFORE_CLOSING; round++) {
			synchronized (this) {
				if (this.missedWrites.isEmpty()) {
					recovered(evicted);
					return;
				}
			}
			evicted += this.missedWrites.replay();
		}
		synchronized (this) {
			recovered(evicted);
		}
		this.missedWrites.replay();
	}

	private void recovered(int evicted) {
		Outage current = this.outage;
		this.outage = null;
		long forgotten = this.missedWrites.takeForgotten();
		if (current == null) {
			return;
		}
		long skipped = current.skipped().sum();
		String summary = "Redis available to the cache again after "
				+ Duration.ofNanos(System.nanoTime() - current.startNanos()).toMillis() + " ms: " + skipped
				+ " cache calls skipped it, " + evicted + " entries written meanwhile evicted";
		if (forgotten > 0) {
			logger.warn(summary + "; " + forgotten + " more writes were not remembered (more than " + MAX_MISSED_WRITES
					+ "), so their entries may be stale until their time-to-live ends");
		}
		else if (current.confirmed() || skipped > 0) {
			logger.info(summary);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(summary);
		}
	}

	@Override
	public void close() {
		this.prober.shutdownNow();
	}

	private record Outage(long startNanos, Instant since, Throwable cause, String message, boolean confirmed,
			LongAdder skipped) {

		static Outage start(Throwable cause, boolean confirmed) {
			Instant since = Instant.now();
			return new Outage(System.nanoTime(), since, cause, RedisCacheUnavailableException.message(since, cause),
					confirmed, new LongAdder());
		}

		Outage confirm(Throwable confirmation) {
			return new Outage(this.startNanos, this.since, confirmation,
					RedisCacheUnavailableException.message(this.since, confirmation), true, this.skipped);
		}

	}

}
