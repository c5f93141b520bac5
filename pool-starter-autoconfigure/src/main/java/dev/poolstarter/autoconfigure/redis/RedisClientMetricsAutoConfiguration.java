package dev.poolstarter.autoconfigure.redis;

import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import dev.poolstarter.redis.ReconnectingLettuceConnectionFactory;
import dev.poolstarter.redis.RedisClientPlan;
import dev.poolstarter.redis.metrics.RedisClientMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the Redis client's reconnect meters.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisPoolAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, ClientResources.class, RedisClientPlan.class })
@ConditionalOnBean({ RedisClientPlan.class, ClientResources.class })
public final class RedisClientMetricsAutoConfiguration {

	RedisClientMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RedisClientMetrics redisClientMetrics(RedisClientPlan plan, ClientResources resources,
			ObjectProvider<RedisConnectionFactory> connectionFactory) {
		return new RedisClientMetrics(resources, () -> ReconnectingLettuceConnectionFactory.readOnlyReconnects(connectionFactory.getIfUnique()),
				Tags.of("service", plan.selection().service(), "profile", plan.selection().profileName(),
						"pool", "redis", "role", "primary"),
				plan.isPooled() ? plan.poolJmxNamePrefix() : null);
	}

}
