package dev.poolstarter.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import dev.poolstarter.shutdown.ShutdownPhases;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

/**
 * Builds the {@link LettuceConnectionFactory} of a {@link RedisClientPlan}, then lets
 * Spring Boot's Lettuce customizers adjust it as they would Boot's own.
 *
 * @author pool-starter
 */
public final class RedisClientFactory {

	private RedisClientFactory() {
	}

	/**
	 * Return the reconnect delay of a plan's connections, Lettuce's decorrelated jitter:
	 * the first wait is {@code reconnect-delay}, and each later one is drawn at random
	 * between {@code reconnect-delay} and three times the connection's previous wait, at
	 * most {@code reconnect-delay-max}. Each connection draws its own waits, so that the
	 * connections of a fleet that lost Redis at the same instant do not come back at the
	 * same instant.
	 * @param plan the plan
	 * @return a new delay for each connection, as {@code ClientResources} asks for one
	 */
	public static Supplier<Delay> reconnectDelay(RedisClientPlan plan) {
		return Delay.decorrelatedJitter(Duration.ZERO, plan.duration(RedisSetting.RECONNECT_DELAY_MAX),
				plan.duration(RedisSetting.RECONNECT_DELAY).toNanos(), TimeUnit.NANOSECONDS);
	}

	public static ReconnectingLettuceConnectionFactory create(RedisClientPlan plan, ClientResources resources,
			List<LettuceClientConfigurationBuilderCustomizer> configurationCustomizers,
			List<LettuceClientOptionsBuilderCustomizer> optionsCustomizers) {
		LettuceClientConfigurationBuilder builder = Boolean.TRUE.equals(plan.value(RedisSetting.POOL_ENABLED))
				? PoolingBuilder.create(plan) : LettuceClientConfiguration.builder();
		builder.commandTimeout(plan.duration(RedisSetting.COMMAND_TIMEOUT));
		builder.shutdownTimeout(plan.duration(RedisSetting.SHUTDOWN_TIMEOUT));
		builder.clientName(plan.value(RedisSetting.CLIENT_NAME));
		if (usesSsl(plan)) {
			builder.useSsl();
		}
		builder.clientResources(resources);
		builder.clientOptions(clientOptions(plan, optionsCustomizers));
		configurationCustomizers.forEach((customizer) -> customizer.customize(builder));
		ReconnectingLettuceConnectionFactory factory = new ReconnectingLettuceConnectionFactory(configuration(plan),
				builder.build(), Boolean.TRUE.equals(plan.value(RedisSetting.RECONNECT_ON_READONLY)));
		// close after Kafka and before PostgreSQL, not at Spring Data Redis's phase 0
		factory.setPhase(ShutdownPhases.REDIS);
		return factory;
	}

	private static boolean usesSsl(RedisClientPlan plan) {
		String url = plan.value(RedisSetting.URL);
		return Boolean.TRUE.equals(plan.value(RedisSetting.SSL)) || (url != null && url.startsWith("rediss"));
	}

	private static RedisConfiguration configuration(RedisClientPlan plan) {
		return switch (plan.mode()) {
			case CLUSTER -> cluster(plan);
			case SENTINEL -> (plan.value(RedisSetting.URL) != null) ? fromUrl(plan) : sentinel(plan);
			case STANDALONE -> (plan.value(RedisSetting.URL) != null) ? fromUrl(plan) : standalone(plan);
		};
	}

	private static RedisConfiguration fromUrl(RedisClientPlan plan) {
		RedisURI uri = RedisURI.create(plan.value(RedisSetting.URL));
		RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(uri);
		String password = plan.value(RedisSetting.PASSWORD);
		if (password != null && configuration instanceof RedisConfiguration.WithPassword withPassword
				&& !withPassword.getPassword().isPresent()) {
			withPassword.setPassword(password);
		}
		return configuration;
	}

	private static RedisStandaloneConfiguration standalone(RedisClientPlan plan) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(plan.value(RedisSetting.HOST),
				plan.value(RedisSetting.PORT));
		configuration.setDatabase(plan.value(RedisSetting.DATABASE));
		configuration.setUsername(plan.value(RedisSetting.USERNAME));
		configuration.setPassword(plan.value(RedisSetting.PASSWORD));
		return configuration;
	}

	private static RedisSentinelConfiguration sentinel(RedisClientPlan plan) {
		RedisSentinelConfiguration configuration = new RedisSentinelConfiguration(
				plan.value(RedisSetting.SENTINEL_MASTER), new HashSet<>(plan.nodes(RedisSetting.SENTINEL_NODES)));
		configuration.setDatabase(plan.value(RedisSetting.DATABASE));
		configuration.setUsername(plan.value(RedisSetting.USERNAME));
		configuration.setPassword(plan.value(RedisSetting.PASSWORD));
		return configuration;
	}

	private static RedisClusterConfiguration cluster(RedisClientPlan plan) {
		RedisClusterConfiguration configuration = new RedisClusterConfiguration(plan.nodes(RedisSetting.CLUSTER_NODES));
		configuration.setMaxRedirects(plan.value(RedisSetting.CLUSTER_MAX_REDIRECTS));
		configuration.setUsername(plan.value(RedisSetting.USERNAME));
		configuration.setPassword(plan.value(RedisSetting.PASSWORD));
		return configuration;
	}

	private static ClientOptions clientOptions(RedisClientPlan plan,
			List<LettuceClientOptionsBuilderCustomizer> customizers) {
		ClientOptions.Builder builder = (plan.mode() == RedisMode.CLUSTER) ? clusterOptions(plan)
				: ClientOptions.builder();
		builder.autoReconnect(Boolean.TRUE.equals(plan.value(RedisSetting.AUTO_RECONNECT)));
		builder.disconnectedBehavior(Boolean.TRUE.equals(plan.value(RedisSetting.REJECT_WHEN_DISCONNECTED))
				? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS : ClientOptions.DisconnectedBehavior.DEFAULT);
		builder.requestQueueSize(plan.value(RedisSetting.REQUEST_QUEUE_SIZE));
		builder.socketOptions(SocketOptions.builder()
			.connectTimeout(plan.duration(RedisSetting.CONNECT_TIMEOUT))
			.keepAlive(SocketOptions.KeepAliveOptions.builder()
				.enable()
				.idle(plan.duration(RedisSetting.KEEPALIVE_IDLE))
				.interval(plan.duration(RedisSetting.KEEPALIVE_INTERVAL))
				.count(plan.value(RedisSetting.KEEPALIVE_COUNT))
				.build())
			.build());
		builder.timeoutOptions(TimeoutOptions.enabled());
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static ClusterClientOptions.Builder clusterOptions(RedisClientPlan plan) {
		ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.dynamicRefreshSources(true);
		Duration period = plan.value(RedisSetting.CLUSTER_REFRESH_PERIOD);
		if (period != null && !period.isZero()) {
			refresh.enablePeriodicRefresh(period);
		}
		return ClusterClientOptions.builder()
			.maxRedirects(plan.value(RedisSetting.CLUSTER_MAX_REDIRECTS))
			.topologyRefreshOptions(refresh.build());
	}

	/**
	 * Kept apart so that commons-pool2 loads only when pooling is on.
	 */
	private static final class PoolingBuilder {

		static LettuceClientConfigurationBuilder create(RedisClientPlan plan) {
			GenericObjectPoolConfig<io.lettuce.core.api.StatefulConnection<?, ?>> config = new GenericObjectPoolConfig<>();
			config.setMaxTotal(plan.value(RedisSetting.POOL_MAX_ACTIVE));
			config.setMaxIdle(plan.value(RedisSetting.POOL_MAX_ACTIVE));
			config.setMinIdle(plan.value(RedisSetting.POOL_MIN_IDLE));
			config.setMaxWait(plan.duration(RedisSetting.POOL_MAX_WAIT));
			// the MBean is how the pool gauges see a pool Spring Data Redis keeps private
			config.setJmxEnabled(true);
			config.setJmxNamePrefix(plan.poolJmxNamePrefix());
			return LettucePoolingClientConfiguration.builder().poolConfig(config);
		}

	}

}
