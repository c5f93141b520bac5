package dev.poolstarter.autoconfigure.postgres;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMonitor;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code db} health indicator of the starter's pool, in place
 * of Spring Boot's: Boot's borrows from the pool and waits the whole connection timeout
 * when the pool is exhausted.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class,
		beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, HikariDataSource.class })
@ConditionalOnBean({ PostgresPoolPlan.class, ServerActivityMonitor.class })
@ConditionalOnEnabledHealthIndicator("db")
public final class PostgresPoolHealthContributorAutoConfiguration {

	PostgresPoolHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
	PostgresPoolHealthIndicator dbHealthIndicator(PostgresPoolPlan plan, HikariDataSource dataSource,
			ServerActivityMonitor monitor, ObjectProvider<ConnectionAttempts> attempts,
			ObjectProvider<PgBouncerMonitor> pgbouncer,
			ObjectProvider<ReadReplicas> replicas, ObjectProvider<SlowStatementsMonitor> statements,
			PoolProperties properties) {
		PoolProperties.Health health = properties.getHealth();
		return new PostgresPoolHealthIndicator(dataSource, monitor, attempts.getIfUnique(), pgbouncer.getIfUnique(),
				replicas.getIfUnique(), statements.getIfUnique(),
				new PostgresPoolHealthIndicator.Thresholds(health.getUtilizationWarn(),
						health.getIdleInTransactionLimit(), health.getCacheTtl(), health.getPgbouncerMaxWait()),
				plan.identity(), Clock.systemUTC());
	}

}
