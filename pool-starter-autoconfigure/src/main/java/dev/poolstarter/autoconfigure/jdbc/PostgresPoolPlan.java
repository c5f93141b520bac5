package dev.poolstarter.autoconfigure.jdbc;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.PoolSelection;
import dev.poolstarter.autoconfigure.profile.PoolSize;
import dev.poolstarter.autoconfigure.profile.PostgresPoolSettings;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.ResolvedClientSettings;
import dev.poolstarter.jdbc.FleetCensus;

/**
 * Everything the starter decided for one PostgreSQL pool, with the reasons: the
 * selection, the connection, every effective setting and its origin, what the server
 * reported and the fleet budget.
 *
 * @param poolName the pool's name
 * @param selection the profile, service and instance
 * @param connection where and as whom the pool connects
 * @param settings the effective settings and their origins
 * @param server what the server reported at start-up
 * @param budget the fleet budget
 * @param warnings risky values, each one line
 * @param pgbouncer what PgBouncer's admin console said at start-up, or {@code null}
 * without {@code pool.postgres.pgbouncer-admin-url}
 * @author pool-starter
 * @since 0.1.0
 */
public record PostgresPoolPlan(String poolName, PoolSelection selection, PostgresConnection connection,
		ResolvedClientSettings<PostgresPoolSettings> settings, ServerFacts server, FleetBudget budget, List<String> warnings,
		@Nullable PgBouncerAdmin pgbouncer) {

	static final String AUTO_ORIGIN = " (auto from ";

	/**
	 * Create a plan without PgBouncer's admin console.
	 * @param poolName the pool's name
	 * @param selection the profile, service and instance
	 * @param connection where and as whom the pool connects
	 * @param settings the effective settings and their origins
	 * @param server what the server reported at start-up
	 * @param budget the fleet budget
	 * @param warnings risky values, each one line
	 */
	public PostgresPoolPlan(String poolName, PoolSelection selection, PostgresConnection connection,
			ResolvedClientSettings<PostgresPoolSettings> settings, ServerFacts server, FleetBudget budget,
			List<String> warnings) {
		this(poolName, selection, connection, settings, server, budget, warnings, null);
	}

	/**
	 * Return the database the pool's clients name, as PgBouncer lists it.
	 * @return the database name
	 */
	public String databaseName() {
		return PgBouncerAdminProbe.databaseOf(this.connection.url().jdbcUrl());
	}

	/**
	 * Return the application_name of the pool's connections.
	 * @return the application name
	 */
	public String applicationName() {
		String name = this.settings.value(PostgresSetting.APPLICATION_NAME);
		return (name != null) ? name : this.selection.service();
	}

	/**
	 * Return the maximum pool size, after the sizing formula.
	 * @return the maximum number of connections
	 */
	public int maxConnections() {
		PoolSize size = this.settings.value(PostgresSetting.MAX_CONNECTIONS);
		if (size == null || size.isAuto()) {
			throw new IllegalStateException("Pool size of '" + this.poolName + "' was not resolved");
		}
		return size.connections();
	}

	/**
	 * Return whether the size came from {@code max-connections: auto}, the sizing formula.
	 * @return whether the pool is sized by the formula
	 */
	public boolean autoSized() {
		return this.settings.get(PostgresSetting.MAX_CONNECTIONS).origin().contains(AUTO_ORIGIN);
	}

	/**
	 * Describe where the instance count of the fleet budget came from: pool.instances, or
	 * the instances live in pg_stat_activity at start-up, this one included.
	 * @return the origin
	 */
	public String instancesOrigin() {
		if (this.selection.properties().getInstances() != null) {
			return "pool.instances";
		}
		if (!this.server.isKnown()) {
			return "this instance alone: the server was away at start-up";
		}
		String self = FleetCensus.instanceOf(this.selection.service(), applicationName());
		return "live in pg_stat_activity: " + this.server.census().describeInstances(this.selection.service(), self);
	}

}
