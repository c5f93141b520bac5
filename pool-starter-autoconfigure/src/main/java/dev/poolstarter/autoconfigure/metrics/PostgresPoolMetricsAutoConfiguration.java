package dev.poolstarter.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.poolstarter.autoconfigure.jdbc.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.jdbc.PostgresPoolPlan;
import dev.poolstarter.autoconfigure.jdbc.ReadReplicaPlan;
import dev.poolstarter.autoconfigure.profile.PoolProperties;
import dev.poolstarter.jdbc.AdaptivePoolController;
import dev.poolstarter.jdbc.ConnectionAttempts;
import dev.poolstarter.jdbc.FleetShare;
import dev.poolstarter.jdbc.PgBouncerMonitor;
import dev.poolstarter.jdbc.PoolUsage;
import dev.poolstarter.jdbc.ReadReplicas;
import dev.poolstarter.jdbc.ServerActivityMonitor;
import dev.poolstarter.metrics.AdaptivePoolMetrics;
import dev.poolstarter.metrics.ConnectionAttemptsMetrics;
import dev.poolstarter.metrics.PgBouncerMetrics;
import dev.poolstarter.metrics.PostgresPoolMetrics;
import dev.poolstarter.metrics.ReadReplicaMetrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the pool's own meters ({@code pool.server.*},
 * {@code pool.budget.utilization}, {@code pool.connections.long.borrows},
 * {@code pool.pgbouncer.*} with an admin URL, {@code pool.size.*} and
 * {@code pool.resizes} with adaptive sizing) and of the
 * service, profile and role tags on HikariCP's {@code hikaricp.*} meters, so that one
 * vocabulary of tags covers both.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class)
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
				PoolMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(ConnectionAttempts.class)
	@ConditionalOnMissingBean
	ConnectionAttemptsMetrics postgresConnectionAttemptsMetrics(PostgresPoolPlan plan, ConnectionAttempts attempts) {
		return new ConnectionAttemptsMetrics(attempts, PoolMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(PgBouncerMonitor.class)
	@ConditionalOnMissingBean
	PgBouncerMetrics postgresPgBouncerMetrics(PostgresPoolPlan plan, PgBouncerMonitor monitor,
			PoolProperties properties) {
		monitor.startSampling(properties.getMetrics().getSampleInterval());
		return new PgBouncerMetrics(monitor, PoolMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(AdaptivePoolController.class)
	@ConditionalOnMissingBean
	AdaptivePoolMetrics postgresAdaptivePoolMetrics(PostgresPoolPlan plan, AdaptivePoolController controller) {
		return new AdaptivePoolMetrics(controller, PoolMeterTags.of(plan));
	}

	@Bean
	@ConditionalOnBean(ReadReplicas.class)
	@ConditionalOnMissingBean
	ReadReplicaMetrics postgresReadReplicaMetrics(PostgresPoolPlan plan, ReadReplicas replicas) {
		return new ReadReplicaMetrics(replicas, (poolName) -> PoolMeterTags.of(plan, poolName, "replica"),
				PoolMeterTags.of(plan));
	}

	/**
	 * Tags HikariCP's meters of the read replica pools ({@code replica-1}, ...) with role
	 * {@code replica}.
	 */
	@Bean
	@ConditionalOnBean(ReadReplicaPlan.class)
	static MeterFilter postgresReplicaHikariMeterTags(PostgresPoolPlan plan, ReadReplicaPlan replicaPlan) {
		List<String> names = replicaPlan.poolNames();
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				String pool = id.getTag("pool");
				boolean ours = id.getName().startsWith("hikaricp.") && pool != null && names.contains(pool);
				return ours ? id.withTags(PoolMeterTags.of(plan, pool, "replica")) : id;
			}

		};
	}

	@Bean
	static MeterFilter postgresPoolHikariMeterTags(PostgresPoolPlan plan) {
		Tags tags = PoolMeterTags.of(plan);
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				boolean ours = id.getName().startsWith("hikaricp.") && plan.poolName().equals(id.getTag("pool"));
				return ours ? id.withTags(tags) : id;
			}

		};
	}

}
