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
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.server.ServerFacts;

/**
 * Reads {@link ServerFacts} over one connection at start-up, retrying with exponential
 * backoff (1 s doubling to 10 s) while the server cannot be reached, within the start-up
 * timeout.
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
		long start = System.nanoTime();
		int loginTimeout = dataSource.getLoginTimeout();
		Duration backoff = FIRST_BACKOFF;
		for (int attempt = 1;; attempt++) {
			Duration left = this.startupTimeout.minus(Duration.ofNanos(System.nanoTime() - start));
			// an attempt may not run past the start-up timeout
			dataSource.setLoginTimeout((int) Math.max(1, Math.min(loginTimeout, left.toSeconds() + 1)));
			try (Connection connection = dataSource.getConnection()) {
				return reader.read(connection);
			}
			catch (SQLException ex) {
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				Duration remaining = this.startupTimeout.minus(elapsed);
				boolean retryable = isRetryable(ex);
				if (!retryable || this.failFast || remaining.compareTo(Duration.ZERO) <= 0) {
					throw new DatabaseUnreachableException(this.poolName, this.url, attempt, elapsed, retryable, ex);
				}
				Duration wait = min(backoff, remaining);
				logger.warn("Pool '" + this.poolName + "': PostgreSQL at " + this.url + " is not reachable (attempt "
						+ attempt + "): " + ex.getMessage() + "; retrying in " + (wait.toMillis() / 1000.0)
						+ " s, within pool.postgres.startup-timeout=" + this.startupTimeout.toSeconds() + "s");
				sleep(wait);
				backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
			}
		}
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

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
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
