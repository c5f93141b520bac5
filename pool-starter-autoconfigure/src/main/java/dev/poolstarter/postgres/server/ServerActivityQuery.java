package dev.poolstarter.postgres.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one query behind a {@link ServerActivity}: a single round trip over
 * {@code pg_stat_activity}, leaving out the session that runs it.
 *
 * @author pool-starter
 */
final class ServerActivityQuery {

	private static final String IN_DATABASE = "a.datname = current_database()";

	private static final String MINE = "a.application_name = ?";

	/**
	 * now() is the start of this query's transaction; sessions that changed state after it
	 * would look younger than zero.
	 */
	private static final String NOW = "clock_timestamp()";

	private static final String SQL = buildSql();

	private ServerActivityQuery() {
	}

	private static String buildSql() {
		StringBuilder sql = new StringBuilder("SELECT ");
		for (String state : ServerActivity.STATES) {
			sql.append("count(*) FILTER (WHERE ").append(MINE).append(" AND a.state = '").append(state).append("'), ");
		}
		for (String state : ServerActivity.STATES) {
			sql.append("count(*) FILTER (WHERE ")
				.append(IN_DATABASE)
				.append(" AND a.state = '")
				.append(state)
				.append("'), ");
		}
		// the fleet: every instance of the service, and this pool under whatever name it was
		// given by hand
		return sql.append("count(*) FILTER (WHERE a.application_name LIKE ? ESCAPE '\\' OR a.application_name = ?), ")
			.append("count(*), ")
			.append("coalesce(extract(epoch FROM max(" + NOW + " - a.xact_start) FILTER (WHERE ")
			.append(IN_DATABASE)
			.append(")), 0), ")
			.append("coalesce(extract(epoch FROM max(" + NOW + " - a.state_change) FILTER (WHERE ")
			.append(IN_DATABASE)
			.append(" AND a.state LIKE 'idle in transaction%')), 0), ")
			.append("coalesce(extract(epoch FROM max(" + NOW + " - a.state_change) FILTER (WHERE ")
			.append(MINE)
			.append(" AND a.state LIKE 'idle in transaction%')), 0), ")
			.append("count(*) FILTER (WHERE ")
			.append(IN_DATABASE)
			.append(" AND a.wait_event_type = 'Lock' AND cardinality(pg_blocking_pids(a.pid)) > 0), ")
			.append("count(*) FILTER (WHERE ")
			.append(IN_DATABASE)
			.append(" AND a.state = 'active' AND a.query_start < " + NOW + " - make_interval(secs => ?)), ")
			.append("current_setting('max_connections')::int, ")
			.append("current_setting('superuser_reserved_connections')::int ")
			.append("+ coalesce(current_setting('reserved_connections', true), '0')::int, ")
			.append("pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'), ")
			.append(FleetCensus.INSTANCES_COLUMN)
			.append(", ")
			.append(FleetCensus.POOL_CONNECTIONS_COLUMN)
			.append(", ")
			// at work on the server: running, or waiting for its disks or locks; not waiting for
			// the client, a timer (pg_sleep) or an extension
			.append("count(*) FILTER (WHERE ")
			.append(MINE)
			.append(" AND a.state = 'active' AND coalesce(a.wait_event_type, '') NOT IN ('Client', 'Timeout', ")
			.append("'Extension')) ")
			.append("FROM pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()")
			.toString();
	}

	static ServerActivity run(Connection connection, String applicationName, String service,
			Duration slowQueryThreshold, Clock clock) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SQL)) {
			int parameter = 1;
			for (int i = 0; i < ServerActivity.STATES.length; i++) {
				statement.setString(parameter++, applicationName);
			}
			statement.setString(parameter++, escapeLike(service) + "/%");
			statement.setString(parameter++, applicationName);
			statement.setString(parameter++, applicationName);
			statement.setDouble(parameter++, slowQueryThreshold.toMillis() / 1000.0);
			parameter = FleetCensus.bindInstances(statement, parameter, service);
			parameter = FleetCensus.bindPoolConnections(statement, parameter, service);
			statement.setString(parameter, applicationName);
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return read(row, clock);
			}
		}
	}

	private static ServerActivity read(ResultSet row, Clock clock) throws SQLException {
		Map<String, Integer> application = new LinkedHashMap<>();
		Map<String, Integer> database = new LinkedHashMap<>();
		int column = 1;
		for (String state : ServerActivity.STATES) {
			application.put(state, row.getInt(column++));
		}
		for (String state : ServerActivity.STATES) {
			database.put(state, row.getInt(column++));
		}
		int fleet = row.getInt(column++);
		int server = row.getInt(column++);
		Duration oldestTransaction = seconds(row.getDouble(column++));
		Duration oldestIdleInTransaction = seconds(row.getDouble(column++));
		Duration applicationOldestIdleInTransaction = seconds(row.getDouble(column++));
		int blocked = row.getInt(column++);
		int slow = row.getInt(column++);
		int maxConnections = row.getInt(column++);
		int reserved = row.getInt(column++);
		boolean fullView = row.getBoolean(column++);
		List<String> instances = FleetCensus.instances(row.getArray(column++));
		int fleetPool = row.getInt(column++);
		int atWork = row.getInt(column);
		return new ServerActivity(clock.instant(), Collections.unmodifiableMap(application),
				Collections.unmodifiableMap(database), fleet, server,
				maxConnections, reserved, oldestTransaction, oldestIdleInTransaction,
				applicationOldestIdleInTransaction, blocked, slow, !fullView, instances, fleetPool, atWork);
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
