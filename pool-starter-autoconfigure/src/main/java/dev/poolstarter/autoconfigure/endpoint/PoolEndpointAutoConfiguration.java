package dev.poolstarter.autoconfigure.endpoint;

import dev.poolstarter.autoconfigure.jdbc.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.jdbc.PostgresPoolPlan;
import dev.poolstarter.autoconfigure.jdbc.ReadReplicaPlan;
import dev.poolstarter.autoconfigure.profile.PoolProperties;
import dev.poolstarter.jdbc.AdaptivePoolController;
import dev.poolstarter.jdbc.PoolUsage;
import dev.poolstarter.jdbc.ReadReplicas;
import dev.poolstarter.jdbc.ServerActivityMonitor;

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
			ObjectProvider<ReadReplicaPlan> replicaPlan, ObjectProvider<ReadReplicas> replicas) {
		Integer threads = properties.getPostgres().getTaskThreads();
		return new PoolEndpoint(plan, usage, monitor,
				new PoolRecommendation(properties.getHealth().getUtilizationWarn(), (threads != null) ? threads : 0),
				adaptive.getIfAvailable(), replicaPlan.getIfAvailable(), replicas.getIfAvailable());
	}

}
