package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.adaptive.AdaptiveSizing;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;
import dev.poolstarter.postgres.pool.CircuitBreakerPolicy;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresConnection;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * Everything the starter decided for one PostgreSQL pool at start-up, with the reasons:
 * the selection, the connection, every effective setting and its origin, what the server
 * reported, the fleet budget and how the pool is sized. Immutable and complete: nothing
 * downstream reads properties again.
 *
 * @param poolName the pool's name
 * @param selection the profile, service and instance
 * @param connection where and as whom the pool connects
 * @param settings the effective settings and their origins
 * @param server what the server reported at start-up
 * @param budget the fleet budget
 * @param instancesOrigin where the instance count of the budget came from
 * @param autoSized whether the size came from {@code max-connections: auto}, the sizing
 * formula
 * @param lockingMinimum the smallest size with which tasks that hold several connections
 * cannot deadlock
 * @param warnings risky values, each one line
 * @param pgbouncer what PgBouncer's admin console said at start-up, or {@code null}
 * without {@code pool.postgres.pgbouncer-admin-url}
 * @param adaptive how adaptive sizing runs, or {@code null} when the size is fixed
 * @param circuitBreaker when borrows stop waiting for a database out of reach, or
 * {@code null} without a circuit breaker
 * @author pool-starter
 * @since 0.1.0
 */
public record PostgresPoolPlan(String poolName, ProfileSelection selection, PostgresConnection connection,
		ResolvedSettings<PostgresSettings> settings, ServerFacts server, FleetBudget budget, String instancesOrigin,
		boolean autoSized, int lockingMinimum, List<String> warnings, @Nullable PgBouncerAdmin pgbouncer,
		@Nullable AdaptiveSizing adaptive, @Nullable CircuitBreakerPolicy circuitBreaker) {

	/**
	 * Return this plan with adaptive sizing.
	 * @param adaptive how adaptive sizing runs
	 * @return the plan
	 */
	public PostgresPoolPlan withAdaptive(AdaptiveSizing adaptive) {
		return new PostgresPoolPlan(this.poolName, this.selection, this.connection, this.settings, this.server,
				this.budget, this.instancesOrigin, this.autoSized, this.lockingMinimum, this.warnings, this.pgbouncer,
				adaptive, this.circuitBreaker);
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
	 * Return the details that name the pool in health output: the pool, the service and
	 * profile, the database (masked) and the server's version.
	 * @return the details
	 */
	public Map<String, Object> identity() {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("pool", this.poolName);
		identity.putAll(this.selection.identity());
		identity.put("database", this.connection.url().displayUrl());
		identity.put("version", this.server.version());
		return identity;
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
	 * Return the size the pool starts with: the maximum, or adaptive sizing's start.
	 * @return the maximum pool size to configure
	 */
	public int initialSize() {
		return (this.adaptive != null) ? this.adaptive.initialSize() : maxConnections();
	}

	/**
	 * Return how often the pool logs its activity.
	 * @return the interval, zero when the pool logs none
	 */
	public Duration logInterval() {
		Duration interval = this.settings.value(PostgresSetting.LOG_INTERVAL);
		return (interval != null) ? interval : Duration.ZERO;
	}

	/**
	 * Return the minimum idle connections to configure: the setting, bounded by the
	 * initial size, or {@code null} to leave HikariCP's default.
	 * @return the minimum idle connections
	 */
	public @Nullable Integer minIdle() {
		Integer minIdle = this.settings.value(PostgresSetting.MIN_IDLE);
		if (this.adaptive == null || minIdle == null) {
			return minIdle;
		}
		return Math.min(minIdle, initialSize());
	}

}
