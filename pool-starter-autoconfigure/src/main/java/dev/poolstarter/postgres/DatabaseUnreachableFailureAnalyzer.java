package dev.poolstarter.postgres;

import java.time.Duration;

import dev.poolstarter.settings.DurationFormat;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DatabaseUnreachableException}.
 *
 * @author pool-starter
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

	private static final String URL_KEYS = "pool.postgres.url, DATABASE_URL or spring.datasource.url";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
		if (!cause.getInitializers().isEmpty()) {
			return new FailureAnalysis(neededAtStartup(cause), neededAtStartupAction(cause), cause);
		}
		String description = "The PostgreSQL pool '" + cause.getPoolName() + "' could not connect to "
				+ cause.getUrl() + " after " + cause.getAttempts() + " attempt(s) in "
				+ (cause.getElapsed().toMillis() / 1000.0) + " s: " + cause.getCause().getMessage();
		return new FailureAnalysis(description, action(cause), cause);
	}

	private String neededAtStartup(DatabaseUnreachableException cause) {
		boolean one = cause.getInitializers().size() == 1;
		return "The PostgreSQL pool '" + cause.getPoolName() + "' could not connect to " + cause.getUrl()
				+ " within pool.postgres.startup-timeout=" + startupTimeout(cause) + " (" + cause.getAttempts()
				+ " attempt(s) in " + (cause.getElapsed().toMillis() / 1000.0) + " s). The last attempt got: "
				+ cause.getCause().getMessage() + "\n\n" + DatabaseUnreachableException.names(cause.getInitializers())
				+ (one ? " runs" : " run") + " against the database while the application starts, so the "
				+ "application cannot start without it.";
	}

	private String neededAtStartupAction(DatabaseUnreachableException cause) {
		String command = (cause.getStartCommand() != null) ? " (" + cause.getStartCommand() + ")" : "";
		return "Start PostgreSQL at " + address(cause.getUrl()) + command + ", or point " + URL_KEYS
				+ " at a server that runs. To wait longer for a server that is still starting, raise "
				+ "pool.postgres.startup-timeout (now " + startupTimeout(cause) + "). To start without the database, "
				+ "set " + String.join(" and ",
						cause.getInitializers().stream().map(DatabaseUnreachableException.Initializer::switchOff).toList())
				+ ", and initialize the database once it answers.";
	}

	private static String startupTimeout(DatabaseUnreachableException cause) {
		Duration timeout = cause.getStartupTimeout();
		return (timeout != null) ? DurationFormat.format(timeout) : "?";
	}

	/**
	 * Return the hosts and ports of a JDBC URL, such as {@code db:5432}.
	 */
	static String address(String jdbcUrl) {
		int start = jdbcUrl.indexOf("//");
		if (start < 0) {
			return jdbcUrl;
		}
		int end = jdbcUrl.indexOf('/', start + 2);
		return jdbcUrl.substring(start + 2, (end >= 0) ? end : jdbcUrl.length());
	}

	private String action(DatabaseUnreachableException cause) {
		String state = String.valueOf(cause.getSqlState());
		if (state.startsWith("28")) {
			return "Check the user name and password: pool.postgres.username and pool.postgres.password, "
					+ "the credentials in the URL, or spring.datasource.username and spring.datasource.password.";
		}
		if (state.equals("3D000")) {
			return "Create the database on the server, or correct the database name in the URL.";
		}
		if (String.valueOf(cause.getCause().getMessage()).contains("unsupported startup parameter")) {
			return "PgBouncer refuses a start-up parameter that pgjdbc sends: 'options' carries the server-side "
					+ "timeouts unless pool.postgres.pgbouncer=transaction (or pgbouncer=true in the URL), and the "
					+ "options of the URL or of spring.datasource.hikari.data-source-properties; 'search_path' comes "
					+ "from pool.postgres.schema or currentSchema. Set pool.postgres.pgbouncer=transaction, move "
					+ "the setting to the role (ALTER ROLE ... SET search_path = ...), or list the parameter in "
					+ "PgBouncer's ignore_startup_parameters, which then drops it.";
		}
		if (!cause.isRetryable()) {
			return "Correct the connection settings named in the message above.";
		}
		return "Start PostgreSQL or correct the host and port of the URL (" + URL_KEYS + "). To wait longer for a "
				+ "server that is starting, raise pool.postgres.startup-timeout"
				+ (cause.getAttempts() == 1 ? " and set pool.postgres.fail-fast=false" : "") + ".";
	}

}
