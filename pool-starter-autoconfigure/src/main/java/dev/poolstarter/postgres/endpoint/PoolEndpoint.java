package dev.poolstarter.postgres.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.SizeRecommendation;
import dev.poolstarter.postgres.adaptive.AdaptivePoolController;
import dev.poolstarter.postgres.adaptive.AdaptiveSizingPolicy;
import dev.poolstarter.postgres.adaptive.KneeFinder;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.replica.ReadReplicaPlan;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.replica.ReplicaStatus;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;
import dev.poolstarter.postgres.statements.StatementStatistics;
import dev.poolstarter.postgres.statements.StatementsExtension;
import dev.poolstarter.postgres.statements.StatementsView;
import dev.poolstarter.postgres.statements.TrackedStatement;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.Resolved;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code pool} actuator endpoint: every effective setting of each pool with its value
 * and origin, the fleet-budget arithmetic, and a sizing recommendation from the observed
 * load, with the figures behind it. It never shows a password.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@Endpoint(id = "pool")
public class PoolEndpoint {

	private final PostgresPoolPlan plan;

	private final PoolUsage usage;

	private final ServerActivityMonitor monitor;

	private final SizeRecommendation recommendation;

	private final @Nullable AdaptivePoolController adaptive;

	private final @Nullable ReadReplicaPlan replicaPlan;

	private final @Nullable ReadReplicas replicas;

	private final @Nullable SlowStatementsMonitor statements;

	/**
	 * Create the endpoint of a primary pool and its read replicas' pools.
	 * @param plan the primary pool's plan
	 * @param usage the primary pool's usage
	 * @param monitor the monitor of the primary's server
	 * @param recommendation how to turn usage into a size
	 * @param adaptive the primary pool's adaptive sizing, or {@code null} when its size is
	 * fixed
	 * @param replicaPlan the replica pools' plans, or {@code null} without replicas
	 * @param replicas the replica pools, or {@code null} without replicas
	 * @param statements the monitor of pg_stat_statements, or {@code null} when it is
	 * turned off
	 */
	public PoolEndpoint(PostgresPoolPlan plan, PoolUsage usage, ServerActivityMonitor monitor,
			SizeRecommendation recommendation, @Nullable AdaptivePoolController adaptive,
			@Nullable ReadReplicaPlan replicaPlan, @Nullable ReadReplicas replicas,
			@Nullable SlowStatementsMonitor statements) {
		this.plan = plan;
		this.usage = usage;
		this.monitor = monitor;
		this.recommendation = recommendation;
		this.adaptive = adaptive;
		this.replicaPlan = replicaPlan;
		this.replicas = replicas;
		this.statements = statements;
	}

	@ReadOperation
	public Map<String, Object> pools() {
		Map<String, Object> pools = new LinkedHashMap<>();
		pools.put(this.plan.poolName(), describe());
		ReadReplicaPlan replicaPlans = this.replicaPlan;
		ReadReplicas replicas = this.replicas;
		if (replicaPlans != null && replicas != null) {
			for (ReadReplicas.Replica replica : replicas.replicas()) {
				replicaPlans.replicas()
					.stream()
					.filter((candidate) -> candidate.poolName().equals(replica.poolName()))
					.findFirst()
					.ifPresent((replicaPlan) -> pools.put(replica.poolName(),
							describeReplica(replicas, replicaPlan, replica)));
			}
		}
		return Map.of("pools", pools);
	}

	// a replica's pool: the same settings and origins as the primary's, its own server's
	// budget, and whether it takes reads now
	private Map<String, Object> describeReplica(ReadReplicas replicas, PostgresPoolPlan replicaPlan,
			ReadReplicas.Replica replica) {
		Map<String, Object> pool = new LinkedHashMap<>();
		pool.put("role", "replica");
		pool.put("connection", connection(replicaPlan));
		pool.put("settings", settings(replicaPlan));
		FleetBudget budget = replicaPlan.budget();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("maxConnections", budget.maxConnections());
		figures.put("poolSize", replicaPlan.maxConnections());
		figures.put("fits", budget.fits(replicaPlan.maxConnections()));
		figures.put("arithmetic", budget.describe(replicaPlan.maxConnections()));
		pool.put("budget", figures);
		Map<String, Object> routing = new LinkedHashMap<>();
		String skipped = replicas.skipReason(replica);
		routing.put("reads", (skipped != null) ? "skipped: " + skipped : "taken");
		ReplicaStatus status = replica.monitor().latest();
		routing.put("reachable", status.reachable());
		routing.put("inRecovery", status.inRecovery());
		Duration lag = status.lag();
		routing.put("lagSeconds", (lag != null) ? lag.toMillis() / 1000.0 : null);
		routing.put("maxLag", DurationFormat.format(replicas.maxLag()));
		routing.put("fallback", replicas.isFallbackToPrimary() ? "primary" : "fail");
		pool.put("routing", routing);
		pool.put("recommendation", this.recommendation.recommend(replicaPlan, replica.usage().snapshot()));
		if (!replicaPlan.warnings().isEmpty()) {
			pool.put("warnings", replicaPlan.warnings());
		}
		return pool;
	}

	private Map<String, Object> describe() {
		Map<String, Object> pool = new LinkedHashMap<>();
		ProfileSelection selection = this.plan.selection();
		pool.put("service", valueAndOrigin(selection.service(), selection.serviceOrigin()));
		pool.put("profile", valueAndOrigin(selection.profileName(), selection.profileOrigin()));
		pool.put("instance", selection.instanceId());
		pool.put("connection", connection(this.plan));
		pool.put("settings", settings(this.plan));
		pool.put("budget", budget());
		KneeFinder finder = (this.adaptive != null) ? this.adaptive.getFinder() : null;
		if (this.adaptive != null && finder != null) {
			pool.put("adaptive", adaptive(this.adaptive, finder));
		}
		pool.put("server", server());
		if (this.statements != null) {
			pool.put("statements", statements(this.statements));
		}
		if (this.plan.pgbouncer() != null) {
			pool.put("pgbouncer", pgbouncer(this.plan.pgbouncer()));
		}
		pool.put("recommendation", this.recommendation.recommend(this.plan, this.usage.snapshot()));
		if (!this.plan.warnings().isEmpty()) {
			pool.put("warnings", this.plan.warnings());
		}
		return pool;
	}

	private static Map<String, Object> connection(PostgresPoolPlan plan) {
		Map<String, Object> connection = new LinkedHashMap<>();
		connection.put("url", valueAndOrigin(plan.connection().url().displayUrl(), plan.connection().url().source()));
		connection.put("username", valueAndOrigin(String.valueOf(plan.connection().username()),
				plan.connection().usernameOrigin()));
		connection.put("password", (plan.connection().password() != null) ? "******" : "(none)");
		return connection;
	}

	private static Map<String, Object> settings(PostgresPoolPlan plan) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (Map.Entry<String, Resolved<?>> entry : plan.settings().byKey().entrySet()) {
			Object value = entry.getValue().value();
			settings.put(entry.getKey(),
					valueAndOrigin((value != null) ? DurationFormat.formatValue(value) : null, entry.getValue().origin()));
		}
		return settings;
	}

	private Map<String, Object> budget() {
		FleetBudget budget = this.plan.budget();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("maxConnections", budget.maxConnections());
		figures.put("reservedConnections", budget.reservedConnections());
		figures.put("budget", budget.budget());
		figures.put("fleetConnections", budget.fleetConnections());
		figures.put("instances", valueAndOrigin(budget.instances(), this.plan.instancesOrigin()));
		figures.put("poolSize", this.plan.maxConnections());
		figures.put("fleetTotal", budget.instances() * this.plan.maxConnections());
		figures.put("fits", budget.fits(this.plan.maxConnections()));
		figures.put("largestPoolSizeThatFits", budget.largestPoolSize());
		figures.put("arithmetic", budget.describe(this.plan.maxConnections()));
		ServerActivity activity = this.monitor.latest().activity();
		if (activity != null) {
			figures.put("fleetConnectionsHeldNow", activity.fleetConnections());
			FleetCensus census = activity.census();
			figures.put("liveInstancesNow", census.describeInstances(this.plan.selection().service(), null));
			figures.put("otherConnectionsNow", census.otherConnections());
		}
		return figures;
	}

	private static Map<String, Object> adaptive(AdaptivePoolController controller, KneeFinder finder) {
		Map<String, Object> adaptive = new LinkedHashMap<>();
		adaptive.put("target", finder.limit());
		adaptive.put("minimum", finder.policy().minimum());
		adaptive.put("maximum", (finder.policy().maximum() == Integer.MAX_VALUE) ? "the share"
				: finder.policy().maximum());
		AdaptiveSizingPolicy.Share share = finder.share();
		if (share != null) {
			adaptive.put("share", share.fair());
			adaptive.put("growthCeiling", share.growthCeiling());
			adaptive.put("arithmetic", share.describe());
		}
		KneeFinder.Measure latest = finder.latest();
		if (latest != null) {
			adaptive.put("throughputPerSecond", Math.round(latest.throughput()));
			adaptive.put("heldMillis", Math.round(latest.heldMillis() * 10) / 10.0);
			double noLoad = finder.noLoadHeldMillis();
			// none while the finder measures a workload that just changed
			adaptive.put("noLoadHeldMillis", Double.isNaN(noLoad) ? null : Math.round(noLoad * 10) / 10.0);
			double spread = finder.windowSpread();
			adaptive.put("windowSpreadPercent", Double.isNaN(spread) ? null : Math.round(spread * 1000) / 10.0);
			double atWork = finder.workShare();
			adaptive.put("sessionsAtWorkPercent", Double.isNaN(atWork) ? null : Math.round(atWork * 1000) / 10.0);
		}
		KneeFinder.Probe probe = finder.probe();
		adaptive.put("probe", (probe != null) ? probe.direction().name().toLowerCase(Locale.ROOT) + " from "
				+ probe.from() + " to " + probe.to() : "none");
		KneeFinder.Step last = controller.getLastChange();
		adaptive.put("lastChange", (last != null) ? last.describe(controller.getPoolName()) : "none");
		return adaptive;
	}

	private Map<String, Object> server() {
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("version", this.plan.server().version());
		server.put("maxConnections", this.plan.server().maxConnections());
		server.put("reservedConnections", this.plan.server().reservedConnections());
		server.put("idleSessionTimeout", DurationFormat.format(this.plan.server().idleSessionTimeout()));
		return server;
	}

	/**
	 * The statements of the database from pg_stat_statements, as last sampled: the
	 * endpoint never queries the extension.
	 */
	private static Map<String, Object> statements(SlowStatementsMonitor monitor) {
		Map<String, Object> details = new LinkedHashMap<>();
		StatementsView view = monitor.latest();
		StatementStatistics statistics = view.statistics();
		Duration interval = monitor.interval();
		details.put("sampleInterval", (interval != null) ? DurationFormat.format(interval) : "not sampling");
		if (statistics == null) {
			details.put("available", "unknown");
			details.put("error", String.valueOf(view.error()));
			return details;
		}
		details.put("sampledAt", statistics.sampledAt().toString());
		details.put("stale", view.stale());
		if (view.stale()) {
			details.put("error", String.valueOf(view.error()));
		}
		StatementsExtension extension = statistics.extension();
		if (!statistics.available()) {
			details.put("available", false);
			details.put("reason", statistics.unavailableReason());
			details.put("enable", enableSteps(statistics));
			return details;
		}
		details.put("available", true);
		details.put("source", extension.describe());
		details.put("scope", "database " + extension.database()
				+ (statistics.ownRoleOnly() ? ", role " + extension.role() : ", every role"));
		details.put("since", since(statistics));
		details.put("view", statistics.fullView() ? "full"
				: "limited: the role lacks pg_read_all_stats, so other roles' statements show as "
						+ "<insufficient privilege>; " + extension.readAllStatsGrant());
		details.put("threshold", DurationFormat.format(monitor.threshold()));
		details.put("tracked", statistics.tracked());
		details.put("slow", statistics.slow());
		details.put("byMeanTime", describe(statistics.byMeanTime()));
		details.put("byTotalTime", describe(statistics.byTotalTime()));
		return details;
	}

	private static String since(StatementStatistics statistics) {
		Instant resetAt = statistics.resetAt();
		if (resetAt != null) {
			return "the last pg_stat_statements_reset(), at " + resetAt;
		}
		return "the last pg_stat_statements_reset() (its time is known from pg_stat_statements 1.9, PostgreSQL 14)";
	}

	private static List<String> enableSteps(StatementStatistics statistics) {
		List<String> steps = new ArrayList<>(statistics.enableSteps());
		StatementsExtension extension = statistics.extension();
		steps.add("unless role " + extension.role() + " is a superuser: " + extension.readAllStatsGrant()
				+ " so that it sees the text of other roles' statements");
		return steps;
	}

	private static List<Map<String, Object>> describe(List<TrackedStatement> statements) {
		return statements.stream().map((statement) -> statement.describe(TrackedStatement.MAX_LENGTH)).toList();
	}

	private static Map<String, Object> pgbouncer(PgBouncerAdmin pgbouncer) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("adminUrl", pgbouncer.address().displayUrl());
		details.put("version", String.valueOf(pgbouncer.version()));
		details.put("poolMode", String.valueOf(pgbouncer.poolMode()));
		details.put("maxPreparedStatements", (pgbouncer.maxPreparedStatements() != null)
				? pgbouncer.maxPreparedStatements() : "unknown (before 1.21)");
		if (pgbouncer.error() != null) {
			details.put("error", pgbouncer.error());
		}
		return details;
	}

	private static Map<String, Object> valueAndOrigin(Object value, String origin) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("value", value);
		entry.put("origin", origin);
		return entry;
	}

}
