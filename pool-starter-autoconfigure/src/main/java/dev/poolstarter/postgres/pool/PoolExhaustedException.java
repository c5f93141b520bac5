package dev.poolstarter.postgres.pool;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when no connection came free within the pool timeout: the pool is exhausted, or
 * the database is out of reach, which the message says; the request should fail fast and
 * the caller retry later. In Spring MVC the starter answers
 * it with HTTP 503 and {@code Retry-After}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PoolExhaustedException extends SQLTransientConnectionException {

	private final String poolName;

	private final Duration poolTimeout;

	private final boolean databaseUnavailable;

	private final Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param poolName the pool
	 * @param poolTimeout how long the caller waited
	 * @param state the pool's counters when the wait ended
	 * @param unavailable why the database gave the pool no connection, or {@code null}
	 * when the pool's capacity was the limit
	 * @param cause HikariCP's exception
	 */
	public PoolExhaustedException(String poolName, Duration poolTimeout, String state, @Nullable String unavailable,
			SQLTransientConnectionException cause) {
		super(describe(poolName, poolTimeout, state, unavailable, cause), cause.getSQLState(), cause);
		this.poolName = poolName;
		this.poolTimeout = poolTimeout;
		this.databaseUnavailable = unavailable != null || cause.getCause() != null;
		this.retryAfter = poolTimeout;
	}

	// HikariCP gives the last connection failure as the cause while new connections keep
	// failing: the wait ended because the database is out of reach, not because it is busy
	private static String describe(String poolName, Duration poolTimeout, String state, @Nullable String unavailable,
			SQLTransientConnectionException cause) {
		Throwable failure = cause.getCause();
		if (unavailable == null && failure != null) {
			unavailable = "the database is out of reach (" + failure.getMessage() + ")";
		}
		if (unavailable != null) {
			return "Pool '" + poolName + "' has no connection within " + poolTimeout.toMillis() + " ms: " + unavailable
					+ " (" + state + ")";
		}
		return "Pool '" + poolName + "' is exhausted: no connection came free within " + poolTimeout.toMillis()
				+ " ms (" + state + ")";
	}

	/**
	 * Return whether the database rather than the pool's capacity kept the caller waiting:
	 * the server refused, failed or did not answer the pool's attempts to connect.
	 * @return whether the database is unavailable
	 */
	public boolean isDatabaseUnavailable() {
		return this.databaseUnavailable;
	}

	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return the exception for a borrow refused because the pool is shutting down.
	 * @param poolName the pool
	 * @return the exception
	 */
	public static PoolExhaustedException shuttingDown(String poolName) {
		return new PoolExhaustedException(poolName);
	}

	private PoolExhaustedException(String poolName) {
		super("Pool '" + poolName + "' is shutting down and lends no more connections", "08003");
		this.poolName = poolName;
		this.poolTimeout = Duration.ofSeconds(1);
		this.databaseUnavailable = false;
		this.retryAfter = this.poolTimeout;
	}

	/**
	 * Return the exception for a borrow that a circuit breaker failed at once.
	 * @param poolName the pool
	 * @param reason why the breaker is open
	 * @param retryAfter when the breaker lets a borrow through again
	 * @return the exception
	 */
	public static PoolExhaustedException circuitOpen(String poolName, String reason, Duration retryAfter) {
		return new PoolExhaustedException(poolName, reason, retryAfter);
	}

	private PoolExhaustedException(String poolName, String reason, Duration retryAfter) {
		super("Pool '" + poolName + "' lends no connection for now: " + reason, "08001");
		this.poolName = poolName;
		this.poolTimeout = Duration.ZERO;
		this.databaseUnavailable = true;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return a fair time to wait before trying again: how long the caller waited, or the
	 * time a circuit breaker stays open.
	 * @return the time
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return how long the caller waited: zero when a circuit breaker failed it at once.
	 * @return the pool timeout
	 */
	public Duration getPoolTimeout() {
		return this.poolTimeout;
	}

}
