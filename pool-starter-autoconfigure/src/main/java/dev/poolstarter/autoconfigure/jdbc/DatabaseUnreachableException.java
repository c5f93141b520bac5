package dev.poolstarter.autoconfigure.jdbc;

import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when start-up cannot reach PostgreSQL, after retrying unless fail-fast is on.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class DatabaseUnreachableException extends RuntimeException {

	private final String poolName;

	private final String url;

	private final int attempts;

	private final Duration elapsed;

	private final boolean retryable;

	/**
	 * Create a new instance.
	 * @param poolName the pool
	 * @param url the JDBC URL, without credentials
	 * @param attempts how many connection attempts were made
	 * @param elapsed how long start-up tried
	 * @param retryable whether the failure was one that retrying can cure
	 * @param cause the driver's last exception
	 */
	public DatabaseUnreachableException(String poolName, String url, int attempts, Duration elapsed,
			boolean retryable, SQLException cause) {
		super("Pool '" + poolName + "' could not connect to " + url + " (" + attempts + " attempt(s) in "
				+ elapsed.toMillis() + " ms): " + cause.getMessage(), cause);
		this.poolName = poolName;
		this.url = url;
		this.attempts = attempts;
		this.elapsed = elapsed;
		this.retryable = retryable;
	}

	public String getPoolName() {
		return this.poolName;
	}

	public String getUrl() {
		return this.url;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public Duration getElapsed() {
		return this.elapsed;
	}

	/**
	 * Whether the failure was one that retrying can cure (the server down or starting),
	 * rather than one that needs a change (wrong password, missing database).
	 * @return whether retrying can help
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Return the SQL state of the driver's exception.
	 * @return the SQL state or {@code null}
	 */
	public @Nullable String getSqlState() {
		return ((SQLException) getCause()).getSQLState();
	}

}
