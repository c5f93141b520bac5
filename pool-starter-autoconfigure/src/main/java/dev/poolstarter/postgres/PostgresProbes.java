package dev.poolstarter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pgbouncer.PgBouncerAddress;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;
import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PostgresConnection;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * What a planner asks the servers at start-up, over the network. The planning logic takes
 * it as a collaborator, so that it has unit tests without a server.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public interface PostgresProbes {

	/**
	 * Read the server's facts and, where asked, count the service's live instances,
	 * retrying within the start-up timeout.
	 * @param poolName the pool
	 * @param connection where and as whom to connect
	 * @param settings the effective settings, for the connection's timeouts
	 * @param failFast whether to stop at the first failed attempt
	 * @param startupTimeout how long to retry
	 * @param censusOf the service whose instances to count, or {@code null} to count none
	 * @param warnings where a failed count is reported
	 * @return the facts
	 * @throws DatabaseUnreachableException when the server does not answer in time
	 */
	ServerFacts server(String poolName, PostgresConnection connection, ResolvedSettings<PostgresSettings> settings,
			boolean failFast, Duration startupTimeout, @Nullable String censusOf, List<String> warnings);

	/**
	 * Read a read replica's facts in one attempt.
	 * @param connection where and as whom to connect
	 * @param settings the replica pool's settings, for the connection's timeouts
	 * @return the facts, and whether the server is a standby
	 * @throws SQLException when the replica does not answer or refuses
	 */
	ReplicaFacts replica(PostgresConnection connection, ResolvedSettings<PostgresSettings> settings)
			throws SQLException;

	/**
	 * Read what PgBouncer's admin console says about the pool's database.
	 * @param address the admin console
	 * @param database the database the pool's clients name
	 * @param applicationName the application_name of the check's connection
	 * @param connectTimeout how long to wait for it
	 * @return what it said
	 */
	PgBouncerAdmin pgbouncer(PgBouncerAddress address, String database, String applicationName,
			Duration connectTimeout);

	/**
	 * Return the probes that ask the real servers.
	 * @return the probes
	 */
	static PostgresProbes live() {
		return new PostgresProbes() {

			@Override
			public ServerFacts server(String poolName, PostgresConnection connection,
					ResolvedSettings<PostgresSettings> settings, boolean failFast, Duration startupTimeout,
					@Nullable String censusOf, List<String> warnings) {
				return new PostgresServerProbe(poolName, connection.url().displayUrl(), failFast, startupTimeout)
					.probe(PgjdbcOptions.probeDataSource(connection, settings),
							(probe) -> withCensus(PostgresServerProbe.read(probe), probe, censusOf, warnings));
			}

			@Override
			public ReplicaFacts replica(PostgresConnection connection, ResolvedSettings<PostgresSettings> settings)
					throws SQLException {
				try (Connection probe = PgjdbcOptions.probeDataSource(connection, settings).getConnection();
						Statement statement = probe.createStatement()) {
					ServerFacts facts = PostgresServerProbe.read(probe);
					try (ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
						return new ReplicaFacts(facts, row.next() && row.getBoolean(1));
					}
				}
			}

			@Override
			public PgBouncerAdmin pgbouncer(PgBouncerAddress address, String database, String applicationName,
					Duration connectTimeout) {
				return PgBouncerAdminProbe.read(address, database, applicationName, connectTimeout);
			}

		};
	}

	/**
	 * What a read replica answered at start-up.
	 *
	 * @param facts its facts
	 * @param inRecovery whether it is a standby, as a replica should be
	 */
	record ReplicaFacts(ServerFacts facts, boolean inRecovery) {

	}

	/**
	 * Count the service's live instances and the other applications' connections over the
	 * probe's connection. A failed count is a warning, never a reason to probe again.
	 */
	private static ServerFacts withCensus(ServerFacts server, Connection probe, @Nullable String service,
			List<String> warnings) {
		if (service == null) {
			return server;
		}
		try {
			return server.withCensus(FleetCensus.read(probe, service));
		}
		catch (SQLException ex) {
			warnings.add("the live instances could not be counted in pg_stat_activity (" + ex.getMessage()
					+ "): this instance counts itself alone; set pool.instances");
			return server;
		}
	}

}
