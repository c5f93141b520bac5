package dev.poolstarter.postgres.replica;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolstarter.postgres.DatabaseUnreachableException;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.PostgresProbes;
import dev.poolstarter.postgres.PostgresServerProbe;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.BudgetCheckMode;
import dev.poolstarter.postgres.settings.DatabaseUrl;
import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresConnection;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Plans one pool per read replica from the primary's plan: the primary's settings, then
 * the replica URL's parameters, then {@code pool.postgres.replica.max-connections}; the
 * primary's credentials where the URL has none; and the fleet budget of each replica's
 * own server, checked as the primary's is.
 *
 * @author pool-starter
 */
public final class ReadReplicaPlanner {

	/**
	 * The property that lists the replicas.
	 */
	public static final String REPLICAS = "pool.postgres.replicas";

	private static final String MAX_CONNECTIONS = "pool.postgres.replica.max-connections";

	private final PostgresPoolPlan primary;

	private final ReplicaRequest request;

	private final PostgresProbes probes;

	/**
	 * Create a planner.
	 * @param primary the primary pool's plan
	 * @param request what the application says about its replicas
	 * @param probes what asks the replicas
	 */
	public ReadReplicaPlanner(PostgresPoolPlan primary, ReplicaRequest request, PostgresProbes probes) {
		this.primary = primary;
		this.request = request;
		this.probes = probes;
	}

	/**
	 * Plan a pool per replica.
	 * @return the plan
	 */
	public ReadReplicaPlan plan() {
		List<String> urls = this.request.urls().stream().filter(StringUtils::hasText).toList();
		List<PostgresPoolPlan> replicas = new ArrayList<>();
		for (int i = 0; i < urls.size(); i++) {
			replicas.add(plan(i, urls.get(i)));
		}
		return new ReadReplicaPlan(replicas, this.request.fallback(), this.request.maxLag(),
				this.request.checkInterval());
	}

	private PostgresPoolPlan plan(int index, String rawUrl) {
		String poolName = "replica-" + (index + 1);
		DatabaseUrl url = DatabaseUrl.parse(rawUrl, REPLICAS + "[" + index + "]");
		PostgresConnection connection = connection(url);
		ResolvedSettings<PostgresSettings> settings = settings(url);
		List<String> warnings = new ArrayList<>();
		ServerFacts server = probe(poolName, connection, settings, warnings);
		double share = this.primary.budget().budget();
		int instances = this.primary.budget().instances();
		FleetBudget budget = server.isKnown()
				? new FleetBudget(server.maxConnections(), server.reservedConnections(), share, instances)
				: FleetBudget.unknown(share, instances);
		checkBudget(poolName, url, settings, budget, warnings);
		return new PostgresPoolPlan(poolName, this.primary.selection(), connection, settings, server, budget,
				this.primary.instancesOrigin(), false, this.primary.lockingMinimum(), List.copyOf(warnings), null,
				null, this.primary.circuitBreaker());
	}

	private PostgresConnection connection(DatabaseUrl url) {
		PostgresConnection primary = this.primary.connection();
		boolean ownUser = StringUtils.hasText(url.username());
		return new PostgresConnection(url, ownUser ? url.username() : primary.username(),
				ownUser ? url.source() : "the primary's (" + primary.usernameOrigin() + ")",
				ownUser ? url.password() : primary.password());
	}

	private ResolvedSettings<PostgresSettings> settings(DatabaseUrl url) {
		ResolvedSettings<PostgresSettings> settings = this.primary.settings();
		ResolvedSettings<PostgresSettings> fromUrl = ResolvedSettings.resolve(PostgresSetting.ALL,
				List.of(url.layer()));
		for (Setting<PostgresSettings, ?> setting : PostgresSetting.ALL) {
			settings = overlay(settings, fromUrl, setting);
		}
		Integer max = this.request.maxConnections();
		if (max != null) {
			if (max < 1) {
				throw new InvalidConfigurationPropertyValueException(MAX_CONNECTIONS, max,
						"A replica's pool needs at least 1 connection.");
			}
			settings = settings.with(PostgresSetting.MAX_CONNECTIONS, PoolSize.of(max), MAX_CONNECTIONS);
		}
		else if (!fromUrl.get(PostgresSetting.MAX_CONNECTIONS).isSet()) {
			settings = settings.with(PostgresSetting.MAX_CONNECTIONS, PoolSize.of(this.primary.maxConnections()),
					"as the primary (" + this.primary.settings().get(PostgresSetting.MAX_CONNECTIONS).origin() + ")");
		}
		int size = settings.value(PostgresSetting.MAX_CONNECTIONS).connections();
		Integer minIdle = settings.value(PostgresSetting.MIN_IDLE);
		if (minIdle != null && minIdle > size) {
			settings = settings.with(PostgresSetting.MIN_IDLE, size, "capped at the replica's max-connections");
		}
		return settings;
	}

	private static <T> ResolvedSettings<PostgresSettings> overlay(
			ResolvedSettings<PostgresSettings> settings, ResolvedSettings<PostgresSettings> from,
			Setting<PostgresSettings, T> setting) {
		Resolved<T> resolved = from.get(setting);
		return (resolved.isSet() && resolved.value() != null) ? settings.with(setting, resolved.value(), resolved.origin())
				: settings;
	}

	/**
	 * Read the replica's facts in one attempt: a replica that is away does not hold up
	 * start-up, since reads fall back, but a wrong password or database stops it.
	 */
	private ServerFacts probe(String poolName, PostgresConnection connection,
			ResolvedSettings<PostgresSettings> settings, List<String> warnings) {
		long start = System.nanoTime();
		try {
			PostgresProbes.ReplicaFacts replica = this.probes.replica(connection, settings);
			if (!replica.inRecovery()) {
				warnings.add("the server at " + connection.url().displayUrl() + " is not in recovery: it is a primary, "
						+ "not a standby; read-only transactions still go to it");
			}
			return replica.facts();
		}
		catch (SQLException ex) {
			boolean retryable = PostgresServerProbe.isRetryable(ex);
			if (!retryable || this.request.failFast()) {
				throw new DatabaseUnreachableException(poolName, connection.url().displayUrl(), 1,
						Duration.ofNanos(System.nanoTime() - start), retryable, ex);
			}
			warnings.add("read replica at " + connection.url().displayUrl() + " did not answer (" + ex.getMessage()
					+ "): starting without it; read-only transactions go where pool.postgres.replica.fallback says "
					+ "until it answers, and its fleet budget is not checked");
			return ServerFacts.UNKNOWN;
		}
	}

	/**
	 * Each replica is a server of its own: this fleet's replica pools share its
	 * max_connections the way the primary pools share the primary's.
	 */
	private void checkBudget(String poolName, DatabaseUrl url, ResolvedSettings<PostgresSettings> settings,
			FleetBudget budget, List<String> warnings) {
		BudgetCheckMode check = settings.value(PostgresSetting.BUDGET_CHECK);
		int size = settings.value(PostgresSetting.MAX_CONNECTIONS).connections();
		if (!budget.isKnown() || check == BudgetCheckMode.OFF || budget.fits(size)
				|| PgjdbcOptions.isTransactionPooling(settings)) {
			return;
		}
		String problem = "read replica '" + poolName + "' at " + url.displayUrl() + " is over its fleet budget: "
				+ budget.describe(size) + " (pool size from "
				+ settings.get(PostgresSetting.MAX_CONNECTIONS).origin() + "); largest pool size that fits: "
				+ budget.largestPoolSize();
		if (check == BudgetCheckMode.FAIL) {
			throw new InvalidConfigurationPropertyValueException(MAX_CONNECTIONS, size, problem
					+ ". Set " + MAX_CONNECTIONS + " to at most " + budget.largestPoolSize()
					+ ", raise max_connections on the replica, or set pool.postgres.budget-check=warn.");
		}
		warnings.add(problem);
	}

}
