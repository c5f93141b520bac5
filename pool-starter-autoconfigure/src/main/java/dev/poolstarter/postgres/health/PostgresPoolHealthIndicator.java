package dev.poolstarter.postgres.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMonitor;
import dev.poolstarter.postgres.pgbouncer.PgBouncerStats;
import dev.poolstarter.postgres.pgbouncer.PgBouncerView;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.LendingLimit;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;
import dev.poolstarter.postgres.replica.ReadReplicaHealth;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.server.ServerView;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;
import dev.poolstarter.postgres.statements.StatementStatistics;
import dev.poolstarter.postgres.statements.StatementsView;
import dev.poolstarter.settings.DurationFormat;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of a PostgreSQL pool from both sides: HikariCP's counters and the server's
 * {@code pg_stat_activity}. It never borrows from the pool, answers within the monitor's
 * timeout, and is DOWN only when the server cannot be reached; strain is
 * {@link HealthStatuses#DEGRADED}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresPoolHealthIndicator extends AbstractHealthIndicator {

	private static final int SLOWEST_SHOWN = 3;

	private static final int SLOWEST_TEXT_LENGTH = 200;

	private final HikariDataSource pool;

	private final ServerActivityMonitor monitor;

	private final Thresholds thresholds;

	private final Map<String, Object> identity;

	private final Clock clock;

	private final @Nullable ConnectionAttempts attempts;

	private final @Nullable PgBouncerMonitor pgbouncer;

	private final @Nullable ReadReplicas replicas;

	private final @Nullable SlowStatementsMonitor statements;

	/**
	 * Create an indicator.
	 * @param pool the primary's pool
	 * @param monitor the monitor of the pool's server
	 * @param attempts the pool's attempts to connect, or {@code null}
	 * @param pgbouncer the monitor of PgBouncer's admin console, or {@code null}
	 * @param replicas the read replicas, or {@code null}
	 * @param statements the monitor of pg_stat_statements, or {@code null}
	 * @param thresholds when health turns DEGRADED
	 * @param identity details that name the pool, such as service and profile
	 * @param clock the clock
	 */
	public PostgresPoolHealthIndicator(HikariDataSource pool, ServerActivityMonitor monitor,
			@Nullable ConnectionAttempts attempts, @Nullable PgBouncerMonitor pgbouncer, @Nullable ReadReplicas replicas,
			@Nullable SlowStatementsMonitor statements, Thresholds thresholds, Map<String, Object> identity,
			Clock clock) {
		super("PostgreSQL pool health check failed");
		this.pool = pool;
		this.monitor = monitor;
		this.attempts = attempts;
		this.pgbouncer = pgbouncer;
		this.replicas = replicas;
		this.statements = statements;
		this.thresholds = thresholds;
		this.identity = identity;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<String> strain = new ArrayList<>();
		builder.withDetails(this.identity);
		builder.withDetail("client", clientDetails(strain));
		ServerView view = this.monitor.current(this.thresholds.cacheTtl());
		builder.withDetail("server", serverDetails(view, strain));
		if (this.pgbouncer != null) {
			builder.withDetail("pgbouncer", pgbouncerDetails(this.pgbouncer.current(this.thresholds.cacheTtl()), strain));
		}
		if (this.replicas != null) {
			builder.withDetail("replicas", ReadReplicaHealth.details(this.replicas, this.clock.instant(), strain));
		}
		if (!view.reachable()) {
			builder.down().withDetail("error", String.valueOf(view.error()));
			return;
		}
		if (view.stale()) {
			strain.add("server view stale: " + view.error());
		}
		builder.status(strain.isEmpty() ? Status.UP : HealthStatuses.DEGRADED);
		if (!strain.isEmpty()) {
			builder.withDetail("reasons", strain);
			if (this.statements != null) {
				builder.withDetail("slowestStatements", slowestStatements(this.statements));
			}
		}
	}

	private Map<String, Object> clientDetails(List<String> strain) {
		Map<String, Object> client = new LinkedHashMap<>();
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		int maximum = LendingLimit.maximum(this.pool);
		int active = (bean != null) ? bean.getActiveConnections() : 0;
		int pending = (bean != null) ? LendingLimit.waiting(this.pool, bean) : 0;
		int total = (bean != null) ? bean.getTotalConnections() : 0;
		double utilization = (maximum > 0) ? (double) active / maximum : 0;
		client.put("active", active);
		client.put("idle", (bean != null) ? bean.getIdleConnections() : 0);
		client.put("pending", pending);
		client.put("total", total);
		client.put("maximum", maximum);
		client.put("utilization", round(utilization));
		if (utilization >= this.thresholds.utilizationWarn()) {
			strain.add("pool utilization " + round(utilization) + " >= " + this.thresholds.utilizationWarn());
		}
		if (pending > 0) {
			strain.add(pending + " thread(s) waiting for a connection");
		}
		if (this.attempts != null) {
			connectAttempts(this.attempts, total < this.pool.getMinimumIdle() || pending > 0, client, strain);
		}
		if (this.pool instanceof PostgresHikariDataSource postgres && postgres.getCircuitBreaker() != null) {
			circuitBreaker(postgres.getCircuitBreaker(), client, strain);
		}
		return client;
	}

	private void circuitBreaker(DatabaseCircuitBreaker breaker, Map<String, Object> client, List<String> strain) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", breaker.state().name());
		details.put("since", breaker.since().toString());
		details.put("failedAtOnce", breaker.rejected());
		if (!breaker.isClosed()) {
			details.put("cause", String.valueOf(breaker.cause()));
			strain.add("circuit " + breaker.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ ": borrows with no idle connection fail at once");
		}
		client.put("circuitBreaker", details);
	}

	/**
	 * Says why a pool that needs connections cannot open them: a full server keeps it
	 * below its minimum while health from the server's side still reads it as reachable.
	 */
	private void connectAttempts(ConnectionAttempts attempts, boolean needed, Map<String, Object> client,
			List<String> strain) {
		ConnectionAttempts.Failure failure = attempts.lastFailure();
		int failedInARow = attempts.failuresInARow();
		client.put("minimum", this.pool.getMinimumIdle());
		client.put("connectFailuresInARow", failedInARow);
		if (failure == null) {
			return;
		}
		client.put("lastConnectFailure", failure.describe());
		client.put("lastConnectFailureAt", failure.at().toString());
		if (failedInARow > 0 && needed) {
			strain.add("the pool holds " + client.get("total") + " of its minimum " + this.pool.getMinimumIdle()
					+ " connections and cannot open more: " + failure.explain());
		}
	}

	private Map<String, Object> serverDetails(ServerView view, List<String> strain) {
		Map<String, Object> server = new LinkedHashMap<>();
		ServerActivity activity = view.activity();
		if (activity == null) {
			server.put("view", "unavailable");
			server.put("error", String.valueOf(view.error()));
			return server;
		}
		server.put("view", activity.limitedView()
				? "limited: the role lacks pg_read_all_stats, so other roles' sessions show no state" : "full");
		Duration age = view.age(this.clock.instant());
		server.put("sampleAgeMillis", (age != null) ? age.toMillis() : 0);
		server.put("stale", view.stale());
		server.put("application", withTotal(activity.application(), activity.applicationTotal()));
		server.put("database", withTotal(activity.database(), activity.databaseTotal()));
		server.put("serverConnections", activity.serverConnections());
		server.put("maxConnections", activity.maxConnections());
		server.put("reservedConnections", activity.reservedConnections());
		server.put("utilization", round(activity.serverUtilization()));
		server.put("oldestTransactionSeconds", seconds(activity.oldestTransaction()));
		server.put("oldestIdleInTransactionSeconds", seconds(activity.oldestIdleInTransaction()));
		server.put("blockedQueries", activity.blockedQueries());
		server.put("slowQueries", activity.slowQueries());
		if (activity.serverUtilization() >= this.thresholds.utilizationWarn()) {
			strain.add("server utilization " + round(activity.serverUtilization()) + " >= "
					+ this.thresholds.utilizationWarn());
		}
		if (activity.applicationOldestIdleInTransaction().compareTo(this.thresholds.idleInTransactionLimit()) > 0) {
			strain.add("a session of this application is idle in transaction for "
					+ seconds(activity.applicationOldestIdleInTransaction()) + " s");
		}
		return server;
	}

	private Map<String, Object> pgbouncerDetails(PgBouncerView view, List<String> strain) {
		Map<String, Object> details = new LinkedHashMap<>();
		PgBouncerStats stats = view.stats();
		if (stats == null) {
			details.put("view", "unavailable");
			details.put("error", String.valueOf(view.error()));
			strain.add("PgBouncer's admin console gives no view: " + view.error());
			return details;
		}
		details.put("database", stats.database());
		details.put("user", stats.user());
		details.put("pool_mode", String.valueOf(stats.poolMode()));
		details.put("cl_active", stats.clientsActive());
		details.put("cl_waiting", stats.clientsWaiting());
		details.put("sv_active", stats.serversActive());
		details.put("sv_idle", stats.serversIdle());
		details.put("sv_used", stats.serversUsed());
		details.put("maxwait", seconds(stats.maxWait()));
		details.put("total_xact_count", stats.transactions());
		details.put("total_query_count", stats.queries());
		Duration age = view.age(this.clock.instant());
		details.put("sampleAgeMillis", (age != null) ? age.toMillis() : 0);
		details.put("stale", view.stale());
		if (view.stale()) {
			strain.add("PgBouncer view stale: " + view.error());
		}
		if (stats.maxWait().compareTo(this.thresholds.pgbouncerMaxWait()) > 0) {
			strain.add(stats.clientsWaiting() + " client(s) wait in PgBouncer for a server connection, the oldest for "
					+ seconds(stats.maxWait()) + " s");
		}
		return details;
	}

	/**
	 * Names the statements with the longest mean time from the monitor's last sample,
	 * without querying: under strain they are the first suspects of a pool held too long.
	 */
	private Object slowestStatements(SlowStatementsMonitor monitor) {
		StatementsView view = monitor.latest();
		StatementStatistics statistics = view.statistics();
		if (statistics == null) {
			return "unknown: " + view.error();
		}
		if (!statistics.available()) {
			return "unavailable: " + statistics.unavailableReason() + " (see /actuator/pool)";
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("threshold", DurationFormat.format(monitor.threshold()));
		details.put("slow", statistics.slow());
		details.put("byMeanTime", statistics.byMeanTime()
			.stream()
			.limit(SLOWEST_SHOWN)
			.map((statement) -> statement.describe(SLOWEST_TEXT_LENGTH))
			.toList());
		Duration age = view.age(this.clock.instant());
		details.put("sampleAgeSeconds", (age != null) ? seconds(age) : 0);
		return details;
	}

	private static Map<String, Integer> withTotal(Map<String, Integer> byState, int total) {
		Map<String, Integer> counts = new LinkedHashMap<>(byState);
		counts.put("total", total);
		return counts;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/**
	 * When a pool's health turns DEGRADED, and how long server samples are reused.
	 *
	 * @param utilizationWarn client or server utilization at which health degrades
	 * @param idleInTransactionLimit time a session may stay idle in a transaction
	 * @param cacheTtl how long a server sample is reused
	 * @param pgbouncerMaxWait longest wait of a client in PgBouncer before health degrades
	 */
	public record Thresholds(double utilizationWarn, Duration idleInTransactionLimit, Duration cacheTtl,
			Duration pgbouncerMaxWait) {

	}

}
