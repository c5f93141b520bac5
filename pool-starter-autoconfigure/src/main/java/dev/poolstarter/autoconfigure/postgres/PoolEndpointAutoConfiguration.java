package dev.poolstarter.autoconfigure.postgres;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.SizeRecommendation;
import dev.poolstarter.postgres.adaptive.AdaptivePoolController;
import dev.poolstarter.postgres.endpoint.PoolEndpoint;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.replica.ReadReplicaPlan;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link PoolEndpoint}, which, like {@code configprops}, is
 * exposed over HTTP only when {@code management.endpoints.web.exposure.include} names it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(PoolEndpoint.class)
@ConditionalOnBean({ PostgresPoolPlan.class, PoolUsage.class, ServerActivityMonitor.class })
public final class PoolEndpointAutoConfiguration {

	PoolEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PoolEndpoint poolEndpoint(PostgresPoolPlan plan, PoolUsage usage, ServerActivityMonitor monitor,
			PoolProperties properties, ObjectProvider<AdaptivePoolController> adaptive,
			ObjectProvider<ReadReplicaPlan> replicaPlan, ObjectProvider<ReadReplicas> replicas,
			ObjectProvider<SlowStatementsMonitor> statements) {
		return new PoolEndpoint(plan, usage, monitor, new SizeRecommendation(properties.getHealth().getUtilizationWarn()),
				adaptive.getIfAvailable(), replicaPlan.getIfAvailable(), replicas.getIfAvailable(),
				statements.getIfAvailable());
	}

}
