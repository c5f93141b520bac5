package dev.poolstarter.autoconfigure.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.autoconfigure.profile.PoolProperties;
import dev.poolstarter.autoconfigure.profile.PoolSelection;
import dev.poolstarter.autoconfigure.profile.RedisSetting;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
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
@EnableConfigurationProperties(PoolProperties.class)
public final class RedisPoolAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RedisPoolAutoConfiguration.class);

	RedisPoolAutoConfiguration() {
	}

	@Bean
	RedisClientPlan redisClientPlan(PoolProperties properties, Environment environment,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		RedisClientPlan plan = new RedisClientPlanner(PoolSelection.select(properties, environment),
				new ExistingRedisSettings(environment),
				ExistingRedisSettings.serviceConnectionLayer(connectionDetails.getIfUnique()))
			.plan();
		logger.info(RedisStartupReport.render(plan));
		return plan;
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(ClientResources.class)
	DefaultClientResources lettuceClientResources(RedisClientPlan plan,
			ObjectProvider<ClientResourcesBuilderCustomizer> customizers) {
		DefaultClientResources.Builder builder = DefaultClientResources.builder()
			.reconnectDelay(new LinearReconnectDelay(plan.duration(RedisSetting.RECONNECT_DELAY),
					plan.duration(RedisSetting.RECONNECT_DELAY_MAX)));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	PoolStarterLettuceConnectionFactory redisConnectionFactory(RedisClientPlan plan, ClientResources resources,
			ObjectProvider<LettuceClientConfigurationBuilderCustomizer> configurationCustomizers,
			ObjectProvider<LettuceClientOptionsBuilderCustomizer> optionsCustomizers) {
		return LettuceConnectionFactories.create(plan, resources, configurationCustomizers.orderedStream().toList(),
				optionsCustomizers.orderedStream().toList());
	}

	/**
	 * Return how many times READONLY replies made the starter's client reconnect.
	 * @param connectionFactory the application's connection factory
	 * @return the count, 0 when the factory is not the starter's
	 */
	public static long readOnlyReconnects(ObjectProvider<RedisConnectionFactory> connectionFactory) {
		return (connectionFactory.getIfUnique() instanceof PoolStarterLettuceConnectionFactory factory)
				? factory.readOnlyReconnects() : 0;
	}

}
