package dev.poolstarter.autoconfigure.postgres;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.adaptive.AdaptivePoolController;
import dev.poolstarter.postgres.adaptive.AdaptivePoolMetrics;
import dev.poolstarter.postgres.metrics.CircuitBreakerMetrics;
import dev.poolstarter.postgres.metrics.ConnectionAttemptsMetrics;
import dev.poolstarter.postgres.metrics.PostgresMeterTags;
import dev.poolstarter.postgres.metrics.PostgresPoolMetrics;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMetrics;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMonitor;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.replica.ReadReplicaMetrics;
import dev.poolstarter.postgres.replica.ReadReplicaPlan;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.retry.ReadRetries;
import dev.poolstarter.postgres.retry.ReadRetryMetrics;
import dev.poolstarter.postgres.server.FleetShare;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.statements.SlowStatementsMetrics;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the pool's own meters ({@code pool.server.*},
 * {@code pool.budget.utilization}, {@code pool.connections.long.borrows},
 * {@code pool.statements.slow}, {@code pool.pgbouncer.*} with an admin URL, {@code pool.size.*} and
 * {@code pool.resizes} with adaptive sizing) and of the
 * service, profile and role tags on HikariCP's {@code hikaricp.*} meters, so that one
 * vocabulary of tags covers both.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = { JdbcPoolAutoConfiguration.class, JdbcPoolReadRetryAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, PostgresPoolPlan.class })
@ConditionalOnBean({ PostgresPoolPlan.class, ServerActivityMonitor.class, PoolUsage.class })
public final class PostgresPoolMetricsAutoConfiguration {

	PostgresPoolMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PostgresPoolMetrics postgresPoolMetrics(PostgresPoolPlan plan, ServerActivityMonitor monitor, PoolUsage usage,
			PoolProperties properties) {
		monitor.startSampling(properties.getMetrics().getSampleInterval());
		return new PostgresPoolMetrics(monitor, usage, new FleetShare(plan.budget().budget()),
				PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(ConnectionAttempts.class)
	@ConditionalOnMissingBean
	ConnectionAttemptsMetrics postgresConnectionAttemptsMetrics(PostgresPoolPlan plan, ConnectionAttempts attempts) {
		return new ConnectionAttemptsMetrics(attempts, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(PgBouncerMonitor.class)
	@ConditionalOnMissingBean
	PgBouncerMetrics postgresPgBouncerMetrics(PostgresPoolPlan plan, PgBouncerMonitor monitor,
			PoolProperties properties) {
		monitor.startSampling(properties.getMetrics().getSampleInterval());
		return new PgBouncerMetrics(monitor, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(ReadRetries.class)
	@ConditionalOnMissingBean
	ReadRetryMetrics postgresReadRetryMetrics(PostgresPoolPlan plan, ReadRetries retries) {
		return new ReadRetryMetrics(retries, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(DatabaseCircuitBreaker.class)
	@ConditionalOnMissingBean
	CircuitBreakerMetrics postgresCircuitBreakerMetrics(PostgresPoolPlan plan, DatabaseCircuitBreaker breaker) {
		return new CircuitBreakerMetrics(breaker, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(SlowStatementsMonitor.class)
	@ConditionalOnMissingBean
	SlowStatementsMetrics postgresSlowStatementsMetrics(PostgresPoolPlan plan, SlowStatementsMonitor monitor) {
		return new SlowStatementsMetrics(monitor, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(AdaptivePoolController.class)
	@ConditionalOnMissingBean
	AdaptivePoolMetrics postgresAdaptivePoolMetrics(PostgresPoolPlan plan, AdaptivePoolController controller) {
		return new AdaptivePoolMetrics(controller, PostgresMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(ReadReplicas.class)
	@ConditionalOnMissingBean
	ReadReplicaMetrics postgresReadReplicaMetrics(PostgresPoolPlan plan, ReadReplicas replicas) {
		return new ReadReplicaMetrics(replicas, (poolName) -> PostgresMeterTags.of(plan, poolName, "replica"),
				PostgresMeterTags.of(plan));
	}

	/**
	 * Tags HikariCP's meters of the read replica pools ({@code replica-1}, ...) with role
	 * {@code replica}.
	 */
	@Bean
	@ConditionalOnBean(ReadReplicaPlan.class)
	static MeterFilter postgresReplicaHikariMeterTags(PostgresPoolPlan plan, ReadReplicaPlan replicaPlan) {
		return PostgresMeterTags.hikariFilter(plan, replicaPlan.poolNames(), "replica");
	}

	@Bean
	static MeterFilter postgresPoolHikariMeterTags(PostgresPoolPlan plan) {
		return PostgresMeterTags.hikariFilter(plan, List.of(plan.poolName()), "primary");
	}

}
