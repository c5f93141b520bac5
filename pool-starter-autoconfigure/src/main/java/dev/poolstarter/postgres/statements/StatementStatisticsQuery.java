package dev.poolstarter.postgres.statements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The queries behind a {@link StatementStatistics}: one that finds the extension in the
 * pool's database, and one round trip over {@code pg_stat_statements} that counts the
 * slow statements and picks the longest by mean and by total time.
 *
 * @author pool-starter
 */
final class StatementStatisticsQuery {

	/**
	 * SQL state of the extension's "pg_stat_statements must be loaded via
	 * shared_preload_libraries".
	 */
	static final String NOT_LOADED = "55000";

	private static final String DISCOVERY = "SELECT n.nspname, e.extversion, current_database(), current_user, "
			+ "(SELECT s.setting FROM pg_settings s WHERE s.name = 'shared_preload_libraries') "
			+ "FROM (SELECT 1) AS one LEFT JOIN pg_extension e ON e.extname = 'pg_stat_statements' "
			+ "LEFT JOIN pg_namespace n ON n.oid = e.extnamespace";

	private static final int SUMMARY = 0;

	private static final int BY_MEAN = 1;

	private static final int BY_TOTAL = 2;

	private StatementStatisticsQuery() {
	}

	static StatementsExtension discover(Connection connection, Duration timeout) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(seconds(timeout));
			try (ResultSet row = statement.executeQuery(DISCOVERY)) {
				row.next();
				return new StatementsExtension(row.getString(1), row.getString(2), row.getString(3),
						row.getString(4), row.getString(5));
			}
		}
	}

	/**
	 * Return the query of one sample: a summary row (part 0: statements tracked, slow
	 * ones, whether the role reads all statistics, the last reset), then the longest by
	 * mean (part 1) and by total time (part 2), each part at most {@code top} rows.
	 * @param extension where the extension is and which column names it uses
	 * @param ownRoleOnly whether only the pool's role's statements count
	 * @return the SQL, with three parameters: threshold in milliseconds, top, top
	 */
	static String sql(StatementsExtension extension, boolean ownRoleOnly) {
		return "WITH s AS (" + inScope(extension, ownRoleOnly) + ") " + summary(extension) + " UNION ALL ("
				+ longest(BY_MEAN, "mean") + ") UNION ALL (" + longest(BY_TOTAL, "total") + ")";
	}

	/**
	 * The statements of this database, and role if asked, under the same column names
	 * whatever the extension's version; the text cut a little past what is kept, so that
	 * a masked password cannot make a long text look complete.
	 */
	private static String inScope(StatementsExtension extension, boolean ownRoleOnly) {
		String suffix = extension.execTimeColumns() ? "_exec_time" : "_time";
		return "SELECT left(p.query, " + (TrackedStatement.MAX_LENGTH + 100) + ") AS query, p.calls, p.rows, "
				+ "p.mean" + suffix + " AS mean, p.total" + suffix + " AS total, p.max" + suffix + " AS max "
				+ "FROM " + quote(extension.schema()) + ".pg_stat_statements p "
				+ "WHERE p.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()) "
				+ (ownRoleOnly ? "AND p.userid = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) " : "")
				+ "AND p.calls > 0";
	}

	private static String summary(StatementsExtension extension) {
		String reset = extension.resetTimeKnown()
				? "(SELECT i.stats_reset FROM " + quote(extension.schema()) + ".pg_stat_statements_info i)"
				: "NULL::timestamptz";
		return "SELECT " + SUMMARY + " AS part, NULL::text, count(*)::bigint, "
				+ "count(*) FILTER (WHERE s.mean > ?)::bigint, NULL::float8, NULL::float8, NULL::float8, "
				+ "pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'), " + reset + " FROM s";
	}

	private static String longest(int part, String column) {
		return "SELECT " + part + ", query, calls, rows, mean, total, max, NULL::boolean, NULL::timestamptz FROM s "
				+ "ORDER BY s." + column + " DESC LIMIT ?";
	}

	static StatementStatistics run(Connection connection, StatementsExtension extension, boolean ownRoleOnly,
			Duration threshold, int top, Duration timeout, Clock clock) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql(extension, ownRoleOnly))) {
			statement.setQueryTimeout(seconds(timeout));
			statement.setDouble(1, threshold.toNanos() / 1e6);
			statement.setInt(2, top);
			statement.setInt(3, top);
			try (ResultSet rows = statement.executeQuery()) {
				return read(rows, extension, ownRoleOnly, clock.instant());
			}
		}
	}

	private static StatementStatistics read(ResultSet rows, StatementsExtension extension, boolean ownRoleOnly,
			Instant sampledAt) throws SQLException {
		int tracked = 0;
		int slow = 0;
		boolean fullView = false;
		Instant resetAt = null;
		List<TrackedStatement> byMean = new ArrayList<>();
		List<TrackedStatement> byTotal = new ArrayList<>();
		while (rows.next()) {
			int part = rows.getInt(1);
			if (part == SUMMARY) {
				tracked = rows.getInt(3);
				slow = rows.getInt(4);
				fullView = rows.getBoolean(8);
				Timestamp reset = rows.getTimestamp(9);
				resetAt = (reset != null) ? reset.toInstant() : null;
			}
			else {
				TrackedStatement statement = TrackedStatement.of(String.valueOf(rows.getString(2)), rows.getLong(3),
						rows.getDouble(5), rows.getDouble(6), rows.getDouble(7), rows.getLong(4));
				((part == BY_MEAN) ? byMean : byTotal).add(statement);
			}
		}
		byMean.sort(Comparator.comparingDouble(TrackedStatement::meanMillis).reversed());
		byTotal.sort(Comparator.comparingDouble(TrackedStatement::totalMillis).reversed());
		return new StatementStatistics(sampledAt, StatementStatistics.Availability.AVAILABLE, extension, ownRoleOnly,
				fullView, resetAt, tracked, slow, List.copyOf(byMean), List.copyOf(byTotal));
	}

	private static int seconds(Duration timeout) {
		return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	private static String quote(@Nullable String identifier) {
		return "\"" + String.valueOf(identifier).replace("\"", "\"\"") + "\"";
	}

}
