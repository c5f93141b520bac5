package dev.poolstarter.postgres.pool;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * The SQL states that say the connection, not the statement, failed: the server went away
 * under it, ended it, or has no room for it. Such a failure is transient: the same work can
 * succeed on another connection a moment later.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class SqlStates {

	private SqlStates() {
	}

	/**
	 * Return whether a SQL state is of the connection class: {@code 08xxx} (connection
	 * exception), {@code 57P01} to {@code 57P03} (administrator shutdown, crash shutdown,
	 * cannot connect now) or {@code 53300} (too many connections).
	 * @param sqlState the SQL state, or {@code null}
	 * @return whether the connection failed
	 */
	public static boolean isConnectionFailure(@Nullable String sqlState) {
		if (sqlState == null) {
			return false;
		}
		return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
				|| sqlState.equals("57P03") || sqlState.equals("53300");
	}

	/**
	 * Return the first {@link SQLException} of the connection class in an exception's
	 * causes, itself included: what Spring's translations and JPA wrap is found behind them.
	 * @param ex the exception
	 * @return the connection failure, or {@code null}
	 */
	public static @Nullable SQLException findConnectionFailure(@Nullable Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (isConnectionFailure(next.getSQLState())) {
						return next;
					}
				}
			}
		}
		return null;
	}

}
