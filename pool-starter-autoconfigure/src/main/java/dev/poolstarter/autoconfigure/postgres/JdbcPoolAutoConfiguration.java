package dev.poolstarter.autoconfigure.postgres;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.autoconfigure.PoolSelectionConfiguration;
import dev.poolstarter.postgres.DatabaseInitializers;
import dev.poolstarter.postgres.DeferredServerCheck;
import dev.poolstarter.postgres.JdbcPoolCustomizer;
import dev.poolstarter.postgres.MonitorDataSource;
import dev.poolstarter.postgres.PostgresPoolFactory;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.PostgresPoolPlanner;
import dev.poolstarter.postgres.PostgresProbes;
import dev.poolstarter.postgres.PostgresStartupReport;
import dev.poolstarter.postgres.adaptive.AdaptivePoolController;
import dev.poolstarter.postgres.adaptive.AdaptiveSizing;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pgbouncer.PgBouncerCompatibilityCheck;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMonitor;
import dev.poolstarter.postgres.pool.CircuitBreakerPolicy;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.ConnectionRefusalReport;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.HikariVersionCheck;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.PoolUsageReport;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.ProfileSelection;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.Assert;

/**
 * Auto-configuration of the application's PostgreSQL {@link DataSource}: a HikariCP pool
 * built from the {@code pool.*} profiles. Runs before Spring Boot's DataSource
 * auto-configuration, whose pool then backs off, and backs off itself when the
 * application defines its own {@link DataSource}. With read replicas or
 * {@code spring.datasource.connection-fetch=lazy} the pool is the bean
 * {@code primaryDataSource} and {@code dataSource} a lazy proxy over it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ HikariDataSource.class, PGSimpleDataSource.class, JdbcConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "pool.postgres.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@Import({ PoolSelectionConfiguration.class, ReadReplicaConfiguration.class, LazyConnectionFetchConfiguration.class })
public final class JdbcPoolAutoConfiguration {

	private static final Log logger = LogFactory.getLog(JdbcPoolAutoConfiguration.class);

	JdbcPoolAutoConfiguration() {
	}

	@Bean
	PostgresPoolPlan postgresPoolPlan(ProfileSelection selection, PoolSelectionConfiguration.Layers layers,
			PoolProperties properties, Environment environment,
			ObjectProvider<JdbcConnectionDetails> connectionDetails, ListableBeanFactory beanFactory,
			ResourceLoader resourceLoader) {
		PostgresPoolPlan plan = new PostgresPoolPlanner(selection, layers.postgres(),
				PostgresRequests.postgres(properties, environment, connectionDetails.getIfUnique()),
				PostgresProbes.live(), new DatabaseInitializers(beanFactory, environment,
						ResourcePatternUtils.getResourcePatternResolver(resourceLoader)))
			.plan();
		logger.info(PostgresStartupReport.render(plan));
		plan.warnings().forEach((warning) -> logger.warn("Pool '" + plan.poolName() + "': " + warning));
		String hikari = HikariVersionCheck.warning(Threading.VIRTUAL.isActive(environment), HikariVersionCheck.version());
		if (hikari != null) {
			logger.warn(hikari);
		}
		return plan;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PoolUsage postgresPoolUsage(PostgresPoolPlan plan) {
		return PoolUsage.of(plan.poolName(), plan.settings());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionAttempts postgresConnectionAttempts() {
		return new ConnectionAttempts(Clock.systemUTC());
	}

	@Bean
	@Conditional({ OnReadReplicasCondition.Absent.class, OnLazyConnectionFetchCondition.Absent.class })
	HikariDataSource dataSource(PostgresPoolPlan plan, PoolUsage usage, ConnectionAttempts attempts,
			ObjectProvider<DatabaseCircuitBreaker> breaker, Environment environment,
			ObjectProvider<JdbcPoolCustomizer> customizers) {
		return PostgresPoolFactory.create(plan, usage, attempts, breaker.getIfAvailable(),
				new SpringDataSourceLayers(environment)::bindOther, customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pool.postgres.circuit-breaker.enabled", matchIfMissing = true)
	DatabaseCircuitBreaker postgresCircuitBreaker(PostgresPoolPlan plan, ServerActivityMonitor monitor) {
		CircuitBreakerPolicy policy = plan.circuitBreaker();
		Assert.state(policy != null, "'circuitBreaker' must be in the plan when pool.postgres.circuit-breaker is enabled");
		return new DatabaseCircuitBreaker(plan.poolName(), policy, monitor::current, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionRefusalReport postgresConnectionRefusalReport(HikariDataSource dataSource, ConnectionAttempts attempts,
			ServerActivityMonitor monitor) {
		ConnectionRefusalReport report = new ConnectionRefusalReport(dataSource, monitor::latest);
		attempts.addListener(report);
		return report;
	}

	@Bean(destroyMethod = "close")
	DeferredServerCheck postgresDeferredServerCheck(PostgresPoolPlan plan, PoolProperties properties) {
		return new DeferredServerCheck(plan, MonitorDataSource.create(plan, properties.getHealth().getTimeout()));
	}

	@Bean
	PgBouncerCompatibilityCheck postgresPgBouncerCompatibilityCheck(PostgresPoolPlan plan, HikariDataSource dataSource,
			Environment environment, ListableBeanFactory beanFactory) {
		return new PgBouncerCompatibilityCheck(plan.poolName(), plan.settings(), dataSource, environment, beanFactory);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Conditional(OnPgBouncerAdminUrlCondition.class)
	PgBouncerMonitor postgresPgBouncerMonitor(PostgresPoolPlan plan, PoolProperties properties) {
		PgBouncerAdmin pgbouncer = plan.pgbouncer();
		Assert.state(pgbouncer != null, "'pgbouncer' must be in the plan when pool.postgres.pgbouncer-admin-url is set");
		String user = (plan.connection().username() != null) ? plan.connection().username() : "";
		return new PgBouncerMonitor(plan.poolName(), pgbouncer.address(), plan.databaseName(), user,
				PostgresPoolPlanner.applicationName(plan.applicationName(), "pgbouncer"),
				properties.getHealth().getTimeout(), Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("!'${pool.postgres.sizing:auto}'.equalsIgnoreCase('fixed')")
	@ConditionalOnMissingBean
	AdaptivePoolController postgresAdaptivePoolController(PostgresPoolPlan plan, HikariDataSource dataSource,
			PoolUsage usage, ServerActivityMonitor monitor) {
		AdaptiveSizing adaptive = plan.adaptive();
		if (adaptive != null) {
			String warning = AdaptiveSizing.warning(plan.poolName(), plan.settings());
			if (warning != null) {
				logger.warn(warning);
			}
		}
		return new AdaptivePoolController(plan.poolName(), dataSource, usage, monitor,
				(adaptive != null) ? adaptive.kneeFinder(plan.selection().service()) : null,
				(adaptive != null) ? adaptive.minIdle() : null, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PoolUsageReport postgresPoolUsageReport(PostgresPoolPlan plan, HikariDataSource dataSource, PoolUsage usage,
			ServerActivityMonitor monitor, ObjectProvider<ReadReplicas> readReplicas, PoolProperties properties) {
		List<PoolUsageReport.Pool> pools = new ArrayList<>();
		pools.add(new PoolUsageReport.Pool(plan.poolName(), dataSource, usage, PoolUsageReport.serverUtilization(
				monitor::latest, plan.logInterval(), properties.getMetrics().getSampleInterval(), Clock.systemUTC())));
		readReplicas.ifAvailable((replicas) -> replicas.replicas()
			.forEach((replica) -> pools.add(new PoolUsageReport.Pool(replica.poolName(), replica.pool(),
					replica.usage(), () -> replica.monitor().latest().lagFigure()))));
		return new PoolUsageReport(plan.logInterval(), pools);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pool.health.slow-statements.enabled", matchIfMissing = true)
	SlowStatementsMonitor postgresSlowStatementsMonitor(PostgresPoolPlan plan, PoolProperties properties) {
		PoolProperties.Health health = properties.getHealth();
		PoolProperties.SlowStatements slow = validated(health.getSlowStatements());
		SlowStatementsMonitor monitor = new SlowStatementsMonitor(plan.poolName(),
				MonitorDataSource.create(plan, health.getTimeout()), slow.getThreshold(), slow.getTop(),
				slow.isOwnRoleOnly(), health.getTimeout(), Clock.systemUTC());
		monitor.startSampling(slow.getSampleInterval());
		return monitor;
	}

	private static PoolProperties.SlowStatements validated(PoolProperties.SlowStatements slow) {
		String prefix = "pool.health.slow-statements.";
		if (slow.getTop() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "top", slow.getTop(), "must be 1 or more");
		}
		if (slow.getSampleInterval().isNegative() || slow.getSampleInterval().isZero()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "sample-interval",
					DurationFormat.format(slow.getSampleInterval()), "must be positive, such as 30s");
		}
		if (slow.getThreshold().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "threshold",
					DurationFormat.format(slow.getThreshold()), "must not be negative, such as 2s");
		}
		return slow;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ServerActivityMonitor postgresServerActivityMonitor(PostgresPoolPlan plan, PoolProperties properties) {
		PoolProperties.Health health = properties.getHealth();
		return new ServerActivityMonitor(plan.poolName(), MonitorDataSource.create(plan, health.getTimeout()),
				plan.applicationName(), plan.selection().service(), health.getSlowQueryThreshold(), health.getTimeout(),
				Clock.systemUTC());
	}

}
