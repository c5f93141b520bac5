package dev.poolstarter.autoconfigure.postgres;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.postgres.JdbcPoolCustomizer;
import dev.poolstarter.postgres.PostgresPoolFactory;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.PostgresProbes;
import dev.poolstarter.postgres.PostgresStartupReport;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.replica.ReadReplicaPlan;
import dev.poolstarter.postgres.replica.ReadReplicaPlanner;
import dev.poolstarter.postgres.replica.ReadReplicaRoutingDataSource;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.replica.ReplicaFallback;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Read replicas ({@code pool.postgres.replicas}): the primary's pool becomes the bean
 * {@code primaryDataSource}, each replica gets a pool of its own ({@code replica-1},
 * ...) held by the {@link ReadReplicas} bean {@code readReplicas}, and the application's
 * {@code dataSource} is a {@link LazyConnectionDataSourceProxy} over a
 * {@link ReadReplicaRoutingDataSource}, so that JdbcTemplate, JPA and the transaction
 * managers send {@code @Transactional(readOnly = true)} work to a replica unchanged.
 *
 * @author pool-starter
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnReadReplicasCondition.class)
class ReadReplicaConfiguration {

	private static final Log logger = LogFactory.getLog(ReadReplicaConfiguration.class);

	@Bean
	ReadReplicaPlan readReplicaPlan(PostgresPoolPlan plan, PoolProperties properties) {
		ReadReplicaPlan replicas = new ReadReplicaPlanner(plan, PostgresRequests.replicas(properties.getPostgres()),
				PostgresProbes.live())
			.plan();
		for (PostgresPoolPlan replica : replicas.replicas()) {
			logger.info(PostgresStartupReport.render(replica));
			replica.warnings().forEach((warning) -> logger.warn("Pool '" + replica.poolName() + "': " + warning));
		}
		logger.info(replicas.describe());
		return replicas;
	}

	@Bean
	HikariDataSource primaryDataSource(PostgresPoolPlan plan, PoolUsage usage, ConnectionAttempts attempts,
			ObjectProvider<DatabaseCircuitBreaker> breaker, Environment environment,
			ObjectProvider<JdbcPoolCustomizer> customizers) {
		return PostgresPoolFactory.create(plan, usage, attempts, breaker.getIfAvailable(),
				new SpringDataSourceLayers(environment)::bindOther, customizers.orderedStream().toList());
	}

	@Bean(destroyMethod = "close")
	ReadReplicas readReplicas(ReadReplicaPlan replicaPlan, HikariDataSource primaryDataSource,
			Environment environment, ObjectProvider<JdbcPoolCustomizer> customizers, PoolProperties properties) {
		List<ReadReplicas.Replica> replicas = new ArrayList<>();
		for (PostgresPoolPlan plan : replicaPlan.replicas()) {
			replicas.add(ReadReplicas.Replica.start(plan, new SpringDataSourceLayers(environment)::bindOther,
					customizers.orderedStream().toList(), properties.getHealth().getTimeout(),
					replicaPlan.checkInterval()));
		}
		return new ReadReplicas(replicas, primaryDataSource, replicaPlan.fallback() == ReplicaFallback.PRIMARY,
				replicaPlan.maxLag());
	}

	@Bean
	@Primary
	LazyConnectionDataSourceProxy dataSource(HikariDataSource primaryDataSource, ReadReplicas readReplicas) {
		return LazyConnectionFetchConfiguration.lazy(new ReadReplicaRoutingDataSource(primaryDataSource, readReplicas),
				primaryDataSource);
	}

}
