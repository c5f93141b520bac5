package dev.poolstarter.autoconfigure.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.autoconfigure.PoolSelectionConfiguration;
import dev.poolstarter.redis.ReconnectingLettuceConnectionFactory;
import dev.poolstarter.redis.RedisClientFactory;
import dev.poolstarter.redis.RedisClientPlan;
import dev.poolstarter.redis.RedisClientPlanner;
import dev.poolstarter.redis.RedisStartupReport;
import dev.poolstarter.settings.ProfileSelection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the application's Redis client: a {@link LettuceConnectionFactory}
 * built from the {@code pool.*} profiles. Runs before Spring Boot's Redis
 * auto-configuration, whose factory then backs off while its templates use this one, and
 * backs off itself when the application defines its own {@link RedisConnectionFactory}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class, ClientResourcesBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "pool.redis.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(RedisConnectionFactory.class)
@Import(PoolSelectionConfiguration.class)
public final class RedisPoolAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RedisPoolAutoConfiguration.class);

	RedisPoolAutoConfiguration() {
	}

	@Bean
	RedisClientPlan redisClientPlan(ProfileSelection selection, PoolSelectionConfiguration.Layers layers,
			Environment environment, ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		SpringDataRedisLayers existing = new SpringDataRedisLayers(environment);
		RedisClientPlan plan = new RedisClientPlanner(selection, layers.redis(),
				SpringDataRedisLayers.serviceConnectionLayer(connectionDetails.getIfUnique()),
				existing.environmentLayer(), existing.springDataRedisLayer())
			.plan();
		logger.info(RedisStartupReport.render(plan));
		return plan;
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(ClientResources.class)
	DefaultClientResources lettuceClientResources(RedisClientPlan plan,
			ObjectProvider<ClientResourcesBuilderCustomizer> customizers) {
		DefaultClientResources.Builder builder = DefaultClientResources.builder()
			.reconnectDelay(RedisClientFactory.reconnectDelay(plan));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	ReconnectingLettuceConnectionFactory redisConnectionFactory(RedisClientPlan plan, ClientResources resources,
			ObjectProvider<LettuceClientConfigurationBuilderCustomizer> configurationCustomizers,
			ObjectProvider<LettuceClientOptionsBuilderCustomizer> optionsCustomizers) {
		return RedisClientFactory.create(plan, resources, configurationCustomizers.orderedStream().toList(),
				optionsCustomizers.orderedStream().toList());
	}

}
