package dev.poolstarter.redis.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.health.HealthStatuses;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Health of the Redis client by {@code PING}: cheap, and allowed under restrictive ACLs,
 * where Spring Boot's indicator runs a full {@code INFO}. Details are the round-trip
 * time and mode, plus the server's version when {@code INFO server} is permitted. It
 * answers within its timeout even when Redis hangs: DOWN when Redis cannot be reached,
 * {@link HealthStatuses#DEGRADED} when a server that answered before is slow. It logs
 * once when it turns DOWN and once when Redis answers again, not on every check. The
 * client's first connection starts in the background once the context's singletons
 * exist, and checks wait for it within the connect timeout rather than the health
 * timeout, so that a reachable server never reads as DOWN because the client is still
 * connecting.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisPingHealthIndicator extends AbstractHealthIndicator
		implements SmartInitializingSingleton, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisPingHealthIndicator.class);

	private final RedisConnectionFactory connectionFactory;

	private final Duration timeout;

	private final Duration connectTimeout;

	private final Map<String, Object> identity;

	private @Nullable CompletableFuture<Map<String, Object>> inFlight;

	private @Nullable CompletableFuture<Map<String, Object>> firstAttempt;

	private long firstAttemptDeadline;

	private volatile boolean answered;

	private final AtomicBoolean down = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "pool-redis-health");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Create an indicator that waits for the client's first connection no longer than
	 * for any other answer.
	 * @param connectionFactory the client's connection factory
	 * @param timeout longest wait for the answer
	 * @param identity details that name the client, such as mode and service
	 */
	public RedisPingHealthIndicator(RedisConnectionFactory connectionFactory, Duration timeout,
			Map<String, Object> identity) {
		this(connectionFactory, timeout, Duration.ZERO, identity);
	}

	/**
	 * Create an indicator.
	 * @param connectionFactory the client's connection factory
	 * @param timeout longest wait for the answer
	 * @param connectTimeout the client's connect timeout: checks wait for the first
	 * connection at most this long plus {@code timeout}, counted from its start
	 * @param identity details that name the client, such as mode and service
	 */
	public RedisPingHealthIndicator(RedisConnectionFactory connectionFactory, Duration timeout,
			Duration connectTimeout, Map<String, Object> identity) {
		super("Redis health check failed");
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
		this.connectTimeout = connectTimeout;
		this.identity = identity;
	}

	/**
	 * Start the client's first connection, so that start-up pays for it rather than the
	 * first check.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		pingInFlight();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetails(this.identity);
		CompletableFuture<Map<String, Object>> ping = pingInFlight();
		long waitNanos = waitNanos(ping);
		try {
			builder.up().withDetails(ping.get(waitNanos, TimeUnit.NANOSECONDS));
			this.answered = true;
			if (this.down.compareAndSet(true, false)) {
				logger.info("Redis health check answers again");
			}
		}
		catch (TimeoutException ex) {
			// a server that answered before and is now slow is under strain, not gone
			Status status = this.answered ? HealthStatuses.DEGRADED : Status.DOWN;
			String error = noAnswer(ping, waitNanos);
			builder.status(status).withDetail("error", error);
			if (status == Status.DOWN) {
				reportDown(error, null);
			}
		}
		catch (ExecutionException ex) {
			this.answered = false;
			Throwable cause = ex.getCause();
			// not builder.down(cause): Spring Boot logs that at WARN with its stack trace,
			// for every check of an outage
			String error = describe(cause);
			builder.down().withDetail("error", error);
			reportDown(error, cause);
		}
	}

	/**
	 * Describe a failure as Spring Boot does, with its root cause, which says more than
	 * Spring Data Redis's translation.
	 */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String description = ex.getClass().getName() + ": " + ex.getMessage();
		return (root != ex) ? description + "; root cause " + root.getClass().getName() + ": " + root.getMessage()
				: description;
	}

	/**
	 * Log that health turned DOWN, once until it is UP again.
	 */
	private void reportDown(String error, @Nullable Throwable cause) {
		if (this.down.compareAndSet(false, true)) {
			logger.warn("Redis health check failed: " + error + "; DOWN until a PING answers");
			if (cause != null && logger.isDebugEnabled()) {
				logger.debug("Redis health check failed", cause);
			}
		}
	}

	/**
	 * Return how long to wait for a PING: the health timeout, or what is left of the
	 * first connection's bound while that connection is still being made.
	 */
	private synchronized long waitNanos(CompletableFuture<Map<String, Object>> ping) {
		long wait = this.timeout.toNanos();
		if (ping == this.firstAttempt) {
			wait = Math.max(wait, this.firstAttemptDeadline - System.nanoTime());
		}
		return wait;
	}

	private synchronized String noAnswer(CompletableFuture<Map<String, Object>> ping, long waitNanos) {
		if (ping == this.firstAttempt && waitNanos > this.timeout.toNanos()) {
			return "not connected within " + firstAttemptBound().toMillis() + " ms (connect timeout "
					+ this.connectTimeout.toMillis() + " ms + health timeout " + this.timeout.toMillis() + " ms)";
		}
		return "no PONG within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms";
	}

	private Duration firstAttemptBound() {
		return this.connectTimeout.plus(this.timeout);
	}

	/**
	 * Return the PING in flight, or send one: checks that overlap a slow PING wait for the
	 * same answer instead of queueing more.
	 */
	private synchronized CompletableFuture<Map<String, Object>> pingInFlight() {
		if (this.inFlight == null || this.inFlight.isDone()) {
			this.inFlight = CompletableFuture.supplyAsync(this::ping, this.executor);
			// A PING that fails after the check stopped waiting still counts: without this,
			// a server that stopped answering would read as DEGRADED for ever, never DOWN.
			this.inFlight.whenComplete((details, ex) -> this.answered = (ex == null));
			if (this.firstAttempt == null) {
				this.firstAttempt = this.inFlight;
				this.firstAttemptDeadline = System.nanoTime() + firstAttemptBound().toNanos();
			}
		}
		return this.inFlight;
	}

	private Map<String, Object> ping() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			long start = System.nanoTime();
			String pong = connection.ping();
			double millis = (System.nanoTime() - start) / 1_000_000.0;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("ping", pong);
			details.put("roundTripMillis", Math.round(millis * 100) / 100.0);
			details.putAll(serverInfo(connection));
			return details;
		}
	}

	/**
	 * Return the server's version and uptime, or nothing where ACLs forbid INFO.
	 */
	private static Map<String, Object> serverInfo(RedisConnection connection) {
		try {
			Properties info = connection.serverCommands().info("server");
			if (info == null || info.getProperty("redis_version") == null) {
				return Map.of();
			}
			return Map.of("version", info.getProperty("redis_version"), "uptimeSeconds",
					Long.parseLong(info.getProperty("uptime_in_seconds", "0")));
		}
		catch (RuntimeException ex) {
			return Map.of("info", "not permitted");
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
