package dev.poolstarter.postgres;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.server.ServerFacts;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Reads {@link ServerFacts} over one connection at start-up, retrying with exponential
 * backoff (1 s doubling to 10 s) while the server cannot be reached, within the start-up
 * timeout. Spring Framework's {@link RetryTemplate} runs the attempts; the last wait is
 * shortened to what is left of the timeout, so that one last attempt runs at its end.
 *
 * @author pool-starter
 */
public class PostgresServerProbe {

	private static final Log logger = LogFactory.getLog(PostgresServerProbe.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	/**
	 * Session timeouts as the session has them: through PgBouncer in transaction mode
	 * they come from the role or database defaults, since start-up options are not sent.
	 */
	private static final List<String> SESSION_TIMEOUTS = List.of("statement_timeout",
			"idle_in_transaction_session_timeout", "lock_timeout");

	private static final String SETTINGS_QUERY = "SELECT name, setting FROM pg_settings WHERE name IN "
			+ "('max_connections', 'superuser_reserved_connections', 'reserved_connections', "
			+ "'idle_session_timeout', 'server_version', 'statement_timeout', "
			+ "'idle_in_transaction_session_timeout', 'lock_timeout') "
			+ "UNION ALL SELECT 'current_user', current_user UNION ALL SELECT 'current_database', current_database()";

	private final String poolName;

	private final String url;

	private final boolean failFast;

	private final Duration startupTimeout;

	PostgresServerProbe(String poolName, String url, boolean failFast, Duration startupTimeout) {
		this.poolName = poolName;
		this.url = url;
		this.failFast = failFast;
		this.startupTimeout = startupTimeout;
	}

	ServerFacts probe(PGSimpleDataSource dataSource) {
		return probe(dataSource, PostgresServerProbe::read);
	}

	/**
	 * Read the server's facts, retrying within the start-up timeout.
	 * @param dataSource where to connect
	 * @param reader what to read over the connection, once it answers
	 * @return the facts
	 */
	ServerFacts probe(PGSimpleDataSource dataSource, Reader reader) {
		Attempts attempts = new Attempts(dataSource, reader);
		try {
			return new RetryTemplate(retryPolicy(attempts)).execute(attempts);
		}
		catch (RetryException ex) {
			throw failure(attempts, ex);
		}
	}

	/**
	 * Return the start-up backoff, 1 s doubling to 10 s, for as many attempts as the
	 * caller's predicate allows.
	 * @return the policy's builder
	 */
	static RetryPolicy.Builder startupBackOff() {
		return RetryPolicy.builder()
			.maxRetries(Integer.MAX_VALUE)
			.delay(FIRST_BACKOFF)
			.multiplier(2)
			.maxDelay(MAX_BACKOFF);
	}

	private RetryPolicy retryPolicy(Attempts attempts) {
		RetryPolicy policy = startupBackOff()
			.predicate((ex) -> ex instanceof SQLException failure && isRetryable(failure) && !this.failFast
					&& attempts.remaining().compareTo(Duration.ZERO) > 0)
			.build();
		return new RetryPolicy() {

			@Override
			public boolean shouldRetry(Throwable ex) {
				return policy.shouldRetry(ex);
			}

			@Override
			public BackOff getBackOff() {
				return () -> {
					BackOffExecution backOff = policy.getBackOff().start();
					return () -> attempts.waitBeforeNext(backOff.nextBackOff());
				};
			}

		};
	}

	private RuntimeException failure(Attempts attempts, RetryException ex) {
		Throwable cause = ex.getCause();
		if (Thread.currentThread().isInterrupted()) {
			return new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
		}
		if (cause instanceof SQLException failure) {
			return new DatabaseUnreachableException(this.poolName, this.url, attempts.count, attempts.failedAfter,
					isRetryable(failure), failure);
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return (cause instanceof RuntimeException unexpected) ? unexpected : new IllegalStateException(cause);
	}

	static ServerFacts read(Connection connection) throws SQLException {
		Map<String, String> settings = new HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(SETTINGS_QUERY)) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
		}
		int reserved = Integer.parseInt(settings.getOrDefault("superuser_reserved_connections", "0"))
				+ Integer.parseInt(settings.getOrDefault("reserved_connections", "0"));
		Map<String, Duration> timeouts = new LinkedHashMap<>();
		for (String name : SESSION_TIMEOUTS) {
			if (settings.containsKey(name)) {
				timeouts.put(name, Duration.ofMillis(Long.parseLong(settings.get(name))));
			}
		}
		return new ServerFacts(Integer.parseInt(settings.get("max_connections")), reserved,
				Duration.ofMillis(Long.parseLong(settings.getOrDefault("idle_session_timeout", "0"))),
				settings.getOrDefault("server_version", "unknown"), settings.getOrDefault("current_user", ""),
				settings.getOrDefault("current_database", ""), Map.copyOf(timeouts));
	}

	/**
	 * Whether waiting can cure the failure: connection errors (class 08), a server that
	 * is starting or shutting down (57P03) and a full server (53300).
	 */
	public static boolean isRetryable(SQLException ex) {
		if (hasCause(ex, UnknownHostException.class)) {
			return false;
		}
		if (String.valueOf(ex.getMessage()).contains("unsupported startup parameter")) {
			// PgBouncer's text for a start-up parameter it neither knows nor ignores (such as
			// options or search_path): no wait cures it
			return false;
		}
		String state = ex.getSQLState();
		// 08004: the server rejected the connection, such as SSL it does not offer
		return state == null || (state.startsWith("08") && !state.equals("08004")) || state.equals("57P03")
				|| state.equals("53300");
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return true;
			}
		}
		return false;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * The attempts of one probe: each connects once, within what is left of the start-up
	 * timeout, and a failed one logs the wait before the next.
	 */
	private final class Attempts implements Retryable<ServerFacts> {

		private final PGSimpleDataSource dataSource;

		private final Reader reader;

		private final int loginTimeout;

		private final long start = System.nanoTime();

		private int count;

		private Duration failedAfter = Duration.ZERO;

		private @Nullable SQLException failure;

		Attempts(PGSimpleDataSource dataSource, Reader reader) {
			this.dataSource = dataSource;
			this.reader = reader;
			this.loginTimeout = dataSource.getLoginTimeout();
		}

		@Override
		public ServerFacts execute() throws SQLException {
			this.count++;
			Duration left = PostgresServerProbe.this.startupTimeout.minus(elapsed());
			// an attempt may not run past the start-up timeout
			this.dataSource.setLoginTimeout((int) Math.max(1, Math.min(this.loginTimeout, left.toSeconds() + 1)));
			try (Connection connection = this.dataSource.getConnection()) {
				return this.reader.read(connection);
			}
			catch (SQLException ex) {
				this.failedAfter = elapsed();
				this.failure = ex;
				throw ex;
			}
		}

		private Duration elapsed() {
			return Duration.ofNanos(System.nanoTime() - this.start);
		}

		@Override
		public String getName() {
			return "probe of PostgreSQL for pool '" + PostgresServerProbe.this.poolName + "'";
		}

		/**
		 * Return what is left of the start-up timeout when the last attempt failed.
		 */
		Duration remaining() {
			return PostgresServerProbe.this.startupTimeout.minus(this.failedAfter);
		}

		/**
		 * Return the wait before the next attempt, within what is left of the start-up
		 * timeout, and log it.
		 */
		long waitBeforeNext(long backOff) {
			if (backOff == BackOffExecution.STOP) {
				return backOff;
			}
			Duration wait = min(Duration.ofMillis(backOff), remaining());
			logger.warn("Pool '" + PostgresServerProbe.this.poolName + "': PostgreSQL at "
					+ PostgresServerProbe.this.url + " is not reachable (attempt " + this.count + "): "
					+ ((this.failure != null) ? this.failure.getMessage() : null) + "; retrying in "
					+ (wait.toMillis() / 1000.0) + " s, within pool.postgres.startup-timeout="
					+ PostgresServerProbe.this.startupTimeout.toSeconds() + "s");
			return wait.toMillis();
		}

	}

	/**
	 * Reads the facts over the probe's connection.
	 */
	@FunctionalInterface
	interface Reader {

		ServerFacts read(Connection connection) throws SQLException;

	}

}
