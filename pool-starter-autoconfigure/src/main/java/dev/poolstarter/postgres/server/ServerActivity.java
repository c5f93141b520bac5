package dev.poolstarter.postgres.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of {@code pg_stat_activity} and {@code pg_settings}, as a pool's
 * application sees it.
 *
 * @param sampledAt when the sample was taken
 * @param application this application's connections (its application_name) by state
 * @param database connections to the current database by state
 * @param fleetConnections connections of every instance of this service
 * @param serverConnections client connections to the whole server
 * @param maxConnections max_connections
 * @param reservedConnections superuser_reserved_connections plus reserved_connections
 * @param oldestTransaction age of the oldest open transaction in the database
 * @param oldestIdleInTransaction age of the oldest session idle in a transaction in the
 * database
 * @param applicationOldestIdleInTransaction the same, for this application's sessions
 * @param blockedQueries queries in the database waiting for a lock another session holds
 * @param slowQueries queries in the database running longer than the slow-query threshold
 * @param limitedView whether the role lacks pg_read_all_stats, so that other roles'
 * sessions show no state
 * @param liveInstances ids of the service's instances that hold a connection, sorted
 * @param fleetPoolConnections the fleet's pool connections, without its monitors'
 * @param applicationAtWork this application's sessions at work on the server: active and
 * on its CPU or waiting for its disks or locks, not for a client, a timer or an extension;
 * -1 when not read
 * @author pool-starter
 * @since 0.1.0
 */
public record ServerActivity(Instant sampledAt, Map<String, Integer> application, Map<String, Integer> database,
		int fleetConnections, int serverConnections, int maxConnections, int reservedConnections,
		Duration oldestTransaction, Duration oldestIdleInTransaction, Duration applicationOldestIdleInTransaction,
		int blockedQueries, int slowQueries, boolean limitedView, List<String> liveInstances,
		int fleetPoolConnections, int applicationAtWork) {

	/**
	 * Session states as pg_stat_activity names them, in report order.
	 */
	public static final String[] STATES = { "active", "idle", "idle in transaction",
			"idle in transaction (aborted)" };

	/**
	 * Create a sample without the census of the fleet's instances.
	 * @param sampledAt when the sample was taken
	 * @param application this application's connections by state
	 * @param database connections to the current database by state
	 * @param fleetConnections connections of every instance of this service
	 * @param serverConnections client connections to the whole server
	 * @param maxConnections max_connections
	 * @param reservedConnections the reserved connections
	 * @param oldestTransaction age of the oldest open transaction
	 * @param oldestIdleInTransaction age of the oldest session idle in a transaction
	 * @param applicationOldestIdleInTransaction the same, for this application
	 * @param blockedQueries queries waiting for a lock
	 * @param slowQueries queries running past the slow-query threshold
	 * @param limitedView whether the role lacks pg_read_all_stats
	 */
	public ServerActivity(Instant sampledAt, Map<String, Integer> application, Map<String, Integer> database,
			int fleetConnections, int serverConnections, int maxConnections, int reservedConnections,
			Duration oldestTransaction, Duration oldestIdleInTransaction, Duration applicationOldestIdleInTransaction,
			int blockedQueries, int slowQueries, boolean limitedView) {
		this(sampledAt, application, database, fleetConnections, serverConnections, maxConnections,
				reservedConnections, oldestTransaction, oldestIdleInTransaction, applicationOldestIdleInTransaction,
				blockedQueries, slowQueries, limitedView, List.of(), fleetConnections, -1);
	}

	/**
	 * Return who holds the server's connections: the fleet's live instances and the
	 * other applications.
	 * @return the census
	 */
	public FleetCensus census() {
		return new FleetCensus(this.liveInstances, this.fleetPoolConnections,
				Math.max(0, this.serverConnections - this.fleetConnections));
	}

	/**
	 * Return the connections the server can give to ordinary roles.
	 * @return max_connections less the reserved ones
	 */
	public int usableConnections() {
		return Math.max(0, this.maxConnections - this.reservedConnections);
	}

	/**
	 * Return the share of the usable connections in use.
	 * @return the server's utilization, from 0
	 */
	public double serverUtilization() {
		return (usableConnections() > 0) ? (double) this.serverConnections / usableConnections() : 1.0;
	}

	/**
	 * Return the total of this application's connections.
	 * @return the connection count
	 */
	public int applicationTotal() {
		return this.application.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * Return the total of the database's connections.
	 * @return the connection count
	 */
	public int databaseTotal() {
		return this.database.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * Return this application's sessions in a transaction: active, or idle in one.
	 * @return the session count
	 */
	public int applicationInTransaction() {
		return this.application.entrySet()
			.stream()
			.filter((entry) -> !"idle".equals(entry.getKey()))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Return the share of sessions at work among those in a transaction: low where the
	 * connections are held while the application, a timer or another service is waited
	 * for, so that the server can take more of them.
	 * @param atWork sessions at work, -1 when not read
	 * @param inTransaction sessions in a transaction
	 * @return the share, or NaN when not read or fewer than two sessions are in a
	 * transaction
	 */
	public static double workShare(int atWork, int inTransaction) {
		return (atWork < 0 || inTransaction < 2) ? Double.NaN : Math.min(1.0, (double) atWork / inTransaction);
	}

}
