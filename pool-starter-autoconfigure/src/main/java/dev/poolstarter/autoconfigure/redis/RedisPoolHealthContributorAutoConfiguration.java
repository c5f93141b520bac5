package dev.poolstarter.autoconfigure.redis;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.redis.RedisClientPlan;
import dev.poolstarter.redis.RedisSetting;
import dev.poolstarter.redis.health.RedisPingHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the {@code redis} health indicator of the starter's Redis client,
 * in place of Spring Boot's INFO-based one.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = RedisPoolAutoConfiguration.class,
		beforeName = "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, RedisConnectionFactory.class })
@ConditionalOnBean(RedisClientPlan.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisPoolHealthContributorAutoConfiguration {

	RedisPoolHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
	RedisPingHealthIndicator redisHealthIndicator(RedisClientPlan plan, RedisConnectionFactory connectionFactory,
			PoolProperties properties) {
		return new RedisPingHealthIndicator(connectionFactory, properties.getHealth().getTimeout(),
				plan.duration(RedisSetting.CONNECT_TIMEOUT), plan.identity());
	}

}
