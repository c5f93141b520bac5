package dev.poolstarter.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when start-up cannot reach PostgreSQL, after retrying unless fail-fast is on, or
 * after retrying within the start-up timeout when a database initializer needs it.
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

	private final List<Initializer> initializers;

	private final @Nullable Duration startupTimeout;

	private final @Nullable String startCommand;

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
		this(poolName, url, attempts, elapsed, retryable, cause, List.of(), null, null);
	}

	/**
	 * Create a new instance for a database that stayed away within the start-up timeout
	 * while initializers need it to start.
	 * @param unreachable the failure of the last attempt
	 * @param startupTimeout how long start-up waited
	 * @param initializers the initializers that need the database at start-up
	 * @param startCommand a command that starts the database, such as {@code docker compose
	 * up -d}, or {@code null}
	 */
	public DatabaseUnreachableException(DatabaseUnreachableException unreachable, Duration startupTimeout,
			List<Initializer> initializers, @Nullable String startCommand) {
		this(unreachable.poolName, unreachable.url, unreachable.attempts, unreachable.elapsed, unreachable.retryable,
				(SQLException) unreachable.getCause(), initializers, startupTimeout, startCommand);
	}

	private DatabaseUnreachableException(String poolName, String url, int attempts, Duration elapsed,
			boolean retryable, SQLException cause, List<Initializer> initializers, @Nullable Duration startupTimeout,
			@Nullable String startCommand) {
		super("Pool '" + poolName + "' could not connect to " + url + " (" + attempts + " attempt(s) in "
				+ elapsed.toMillis() + " ms): " + cause.getMessage()
				+ (initializers.isEmpty() ? "" : "; needed at start-up by " + names(initializers)), cause);
		this.poolName = poolName;
		this.url = url;
		this.attempts = attempts;
		this.elapsed = elapsed;
		this.retryable = retryable;
		this.initializers = List.copyOf(initializers);
		this.startupTimeout = startupTimeout;
		this.startCommand = startCommand;
	}

	static String names(List<Initializer> initializers) {
		return String.join(" and ", initializers.stream().map(Initializer::name).toList());
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
	 * Return the database initializers that need the database while the application
	 * starts, so that it cannot start without it.
	 * @return the initializers, empty when start-up stopped for another reason
	 */
	public List<Initializer> getInitializers() {
		return this.initializers;
	}

	/**
	 * Return how long start-up waited for the database, when initializers need it.
	 * @return the start-up timeout or {@code null}
	 */
	public @Nullable Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	/**
	 * Return a command that starts the database, when one is known.
	 * @return the command or {@code null}
	 */
	public @Nullable String getStartCommand() {
		return this.startCommand;
	}

	/**
	 * Return the SQL state of the driver's exception.
	 * @return the SQL state or {@code null}
	 */
	public @Nullable String getSqlState() {
		return ((SQLException) getCause()).getSQLState();
	}

	/**
	 * A database initializer that runs while the application starts.
	 *
	 * @param name what it is, such as {@code Flyway (bean 'flyway')}
	 * @param switchOff the property setting that turns it off, such as
	 * {@code spring.flyway.enabled=false}
	 */
	public record Initializer(String name, String switchOff) {

	}

}
