package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.redis.ReconnectingLettuceConnectionFactory;
import dev.poolstarter.redis.RedisClientPlan;
import dev.poolstarter.redis.RedisMode;
import dev.poolstarter.redis.RedisProfiles;
import dev.poolstarter.redis.RedisSetting;
import dev.poolstarter.redis.RedisSettings;
import dev.poolstarter.redis.RedisSettingsException;
import dev.poolstarter.settings.Resolved;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring tests for {@link RedisPoolAutoConfiguration}; Lettuce connects lazily, so no
 * server is needed.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisPoolAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("spring.application.name=cache-svc", "pool.instance-id=i1");

	@Test
	void devProfileClientQueuesBoundedWhileDisconnected() {
		this.contextRunner.run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory).isInstanceOf(ReconnectingLettuceConnectionFactory.class);
			assertThat(context.getBean(StringRedisTemplate.class).getConnectionFactory()).isSameAs(factory);
			ClientOptions options = factory.getClientConfiguration().getClientOptions().orElseThrow();
			assertThat(options.getRequestQueueSize()).isEqualTo(1000);
			assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.DEFAULT);
			assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(factory.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(factory.getClientConfiguration().getClientName()).contains("cache-svc/i1");
			assertThat(factory.getHostName()).isEqualTo("localhost");
		});
	}

	@Test
	void prodProfileClientRejectsCommandsWhileDisconnected() {
		this.contextRunner.withPropertyValues("pool.profile=prod").run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			ClientOptions options = factory.getClientConfiguration().getClientOptions().orElseThrow();
			assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
			assertThat(options.getRequestQueueSize()).isEqualTo(10000);
			assertThat(factory.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void reconnectDelaysOfAFleetSpreadBetweenFiftyMillisecondsAndTwoSeconds() {
		this.contextRunner.run((context) -> {
			List<List<Duration>> fleet = reconnectDelays(context.getBean(ClientResources.class), 50, 12);
			assertThat(fleet).allSatisfy((waits) -> {
				assertThat(waits.get(0)).as("first wait, so that a blip heals at once")
					.isEqualTo(Duration.ofMillis(50));
				assertThat(waits).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ofMillis(50),
						Duration.ofSeconds(2)));
			});
			assertThat(fleet.stream().map((waits) -> waits.get(4)).distinct().count())
				.as("different waits before the fifth attempt of 50 connections")
				.isGreaterThan(25);
			List<Duration> tenthAttempts = fleet.stream()
				.map((waits) -> waits.subList(0, 10).stream().reduce(Duration.ZERO, Duration::plus))
				.sorted()
				.toList();
			assertThat(tenthAttempts.get(tenthAttempts.size() - 1).minus(tenthAttempts.get(0)))
				.as("spread of the instants of the tenth attempt after the connections dropped together")
				.isGreaterThan(Duration.ofSeconds(2));
			assertThat(mostWithin(tenthAttempts, Duration.ofMillis(100)))
				.as("connections whose tenth attempt falls within the same 100 ms")
				.isLessThan(25);
		});
	}

	@Test
	void reconnectDelayIsTheFirstAndShortestWaitAndTheMaxTheLongest() {
		this.contextRunner
			.withPropertyValues("pool.redis.reconnect-delay=200ms", "pool.redis.reconnect-delay-max=500ms")
			.run((context) -> {
				List<List<Duration>> fleet = reconnectDelays(context.getBean(ClientResources.class), 20, 20);
				assertThat(fleet).allSatisfy((waits) -> {
					assertThat(waits.get(0)).isEqualTo(Duration.ofMillis(200));
					assertThat(waits).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ofMillis(200),
							Duration.ofMillis(500)));
				});
				assertThat(fleet.stream().flatMap(List::stream)).contains(Duration.ofMillis(500));
			});
	}

	/**
	 * Draw the reconnect waits of connections that dropped together, each with its own
	 * delay as Lettuce's connection watchdog takes one from the client resources.
	 */
	private static List<List<Duration>> reconnectDelays(ClientResources resources, int connections, int attempts) {
		List<List<Duration>> fleet = new ArrayList<>();
		for (int connection = 0; connection < connections; connection++) {
			Delay delay = resources.reconnectDelay();
			List<Duration> waits = new ArrayList<>();
			for (int attempt = 1; attempt <= attempts; attempt++) {
				waits.add(delay.createDelay(attempt));
			}
			fleet.add(waits);
		}
		return fleet;
	}

	private static long mostWithin(List<Duration> sortedInstants, Duration window) {
		long most = 0;
		for (Duration first : sortedInstants) {
			most = Math.max(most, sortedInstants.stream()
				.filter((instant) -> instant.compareTo(first) >= 0 && instant.minus(first).compareTo(window) < 0)
				.count());
		}
		return most;
	}

	@Test
	void explicitWinsOverEnvironmentOverServiceOverProfileTableOverSpringDataRedis() {
		this.contextRunner
			.withPropertyValues("pool.profile=staging", "pool.redis.command-timeout=1s",
					"REDIS_HOST=env-host", "pool.services.cache-svc.redis.host=service-host",
					"pool.services.cache-svc.redis.connect-timeout=20s",
					"pool.profiles.staging.redis.connect-timeout=300s", "pool.profiles.staging.redis.database=3",
					"spring.data.redis.database=4000", "spring.data.redis.port=6380",
					"spring.data.redis.timeout=50000s")
			.run((context) -> {
				RedisClientPlan plan = context.getBean(RedisClientPlan.class);
				assertThat(plan.settings().get(RedisSetting.COMMAND_TIMEOUT))
					.isEqualTo(new Resolved<>(Duration.ofSeconds(1), "pool.redis.command-timeout"));
				assertThat(plan.settings().get(RedisSetting.HOST)).isEqualTo(new Resolved<>("env-host", "REDIS_HOST"));
				assertThat(plan.settings().get(RedisSetting.CONNECT_TIMEOUT)).isEqualTo(
						new Resolved<>(Duration.ofSeconds(20), "pool.services.cache-svc.redis.connect-timeout"));
				assertThat(plan.settings().get(RedisSetting.DATABASE))
					.isEqualTo(new Resolved<>(3, "pool.profiles.staging.redis.database"));
				assertThat(plan.settings().get(RedisSetting.PORT))
					.isEqualTo(new Resolved<>(6380, "spring.data.redis.port"));
				assertThat(plan.settings().get(RedisSetting.REQUEST_QUEUE_SIZE))
					.isEqualTo(new Resolved<>(10000, "profile staging"));
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getHostName()).isEqualTo("env-host");
				assertThat(factory.getPort()).isEqualTo(6380);
				assertThat(factory.getDatabase()).isEqualTo(3);
			});
	}

	@Test
	void redisUrlFromTheEnvironmentHoldsTheWholeAddress() {
		this.contextRunner.withPropertyValues("REDIS_URL=redis://:s3cret@cache.internal:6390/2").run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getHostName()).isEqualTo("cache.internal");
			assertThat(factory.getPort()).isEqualTo(6390);
			assertThat(factory.getDatabase()).isEqualTo(2);
			assertThat(context.getBean(RedisClientPlan.class).address()).doesNotContain("s3cret");
		});
	}

	@Test
	void hostFromAStrongerLayerWinsOverAnAmbientUrl() {
		this.contextRunner.withPropertyValues("pool.redis.host=explicit-host", "REDIS_URL=redis://ambient:6390/2")
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getHostName()).isEqualTo("explicit-host");
				assertThat(context.getBean(RedisClientPlan.class).settings().get(RedisSetting.URL).origin())
					.startsWith("set aside: pool.redis.host names the server");
			});
	}

	@Test
	void serviceConnectionWinsOverEnvironmentAndProperties() {
		this.contextRunner.withPropertyValues("REDIS_URL=redis://ambient:6390/2", "pool.redis.host=explicit-host")
			.withBean(org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.class,
					() -> new org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails() {

						@Override
						public Standalone getStandalone() {
							return Standalone.of("container-host", 32768);
						}

					})
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getHostName()).isEqualTo("container-host");
				assertThat(factory.getPort()).isEqualTo(32768);
			});
	}

	@Test
	void clusterNodesSelectClusterModeWithScheduledAndAdaptiveRefresh() {
		this.contextRunner.withPropertyValues("REDIS_CLUSTER_NODES=n1:7000,n2:7001,n3:7002").run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			RedisClusterConfiguration cluster = factory.getClusterConfiguration();
			assertThat(cluster.getClusterNodes()).hasSize(3);
			ClusterClientOptions options = (ClusterClientOptions) factory.getClientConfiguration()
				.getClientOptions()
				.orElseThrow();
			assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
			assertThat(options.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(60));
			assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
			assertThat(context.getBean(RedisClientPlan.class).mode()).isEqualTo(RedisMode.CLUSTER);
		});
	}

	@Test
	void sentinelMasterSelectsSentinelMode() {
		this.contextRunner
			.withPropertyValues("pool.redis.sentinel-master=mymaster", "pool.redis.sentinel-nodes=s1:26379,s2:26379")
			.run((context) -> {
				RedisSentinelConfiguration sentinel = context.getBean(LettuceConnectionFactory.class)
					.getSentinelConfiguration();
				assertThat(sentinel.getMaster().getName()).isEqualTo("mymaster");
				assertThat(sentinel.getSentinels()).hasSize(2);
			});
	}

	@Test
	void poolingUsesCommonsPool2SizedByProfile() {
		this.contextRunner.withPropertyValues("pool.profile=prod", "pool.redis.pool-enabled=true").run((context) -> {
			LettucePoolingClientConfiguration configuration = (LettucePoolingClientConfiguration) context
				.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration();
			assertThat(configuration.getPoolConfig().getMaxTotal()).isEqualTo(16);
			assertThat(configuration.getPoolConfig().getMaxWaitDuration()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void clusterAndSentinelTogetherStopStartup() {
		this.contextRunner
			.withPropertyValues("pool.redis.cluster-nodes=n1:7000", "pool.redis.sentinel-master=mymaster")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisSettingsException.class)
				.hasMessageContaining("either for a Cluster or for Sentinel"));
	}

	@Test
	void malformedUrlStopsStartupWithoutThePassword() {
		this.contextRunner.withPropertyValues("pool.redis.url=redis://:hunter2@host:notaport")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisSettingsException.class)
				.hasMessageContaining("no valid host and port")
				.hasMessageNotContaining("hunter2"));
	}

	@Test
	void backsOffWhenUserDefinesConnectionFactory() {
		this.contextRunner.withBean("redisConnectionFactory", RedisConnectionFactory.class, LettuceConnectionFactory::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisClientPlan.class);
				assertThat(context.getBean(RedisConnectionFactory.class))
					.isNotInstanceOf(ReconnectingLettuceConnectionFactory.class);
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("pool.redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisClientPlan.class)
				.getBean(RedisConnectionFactory.class)
				.isNotInstanceOf(ReconnectingLettuceConnectionFactory.class));
	}

	@Test
	void backsOffWithoutLettuce() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisClientPlan.class));
	}

	@Test
	void startupTableShowsOriginsButNoPassword(CapturedOutput output) {
		this.contextRunner.withPropertyValues("pool.redis.password=hunter2-secret", "pool.profile=prod")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Redis client (standalone, localhost:6379/0) for service 'cache-svc' (spring.application.name)")
					.containsPattern("command-timeout\\s+2s\\s+profile prod")
					.containsPattern("password\\s+\\*\\*\\*\\*\\*\\*\\s+pool.redis.password")
					.doesNotContain("hunter2-secret");
			});
	}

	@Test
	void lettuceDefaultsShownAsSuchMatchLettuce() {
		RedisSettings shown = RedisProfiles.libraryDefaultSettings();
		SocketOptions.KeepAliveOptions keepAlive = SocketOptions.create().getKeepAlive();
		assertThat(shown.getKeepaliveIdle()).isEqualTo(keepAlive.getIdle());
		assertThat(shown.getKeepaliveInterval()).isEqualTo(keepAlive.getInterval());
		assertThat(shown.getKeepaliveCount()).isEqualTo(keepAlive.getCount());
		assertThat(shown.getAutoReconnect()).isEqualTo(ClientOptions.DEFAULT_AUTO_RECONNECT);
		assertThat(shown.getClusterMaxRedirects()).isEqualTo(ClusterClientOptions.DEFAULT_MAX_REDIRECTS);
		assertThat(shown.getShutdownTimeout())
			.isEqualTo(LettucePoolingClientConfiguration.defaultConfiguration().getShutdownTimeout());
		assertThat(ClientOptions.DEFAULT_REQUEST_QUEUE_SIZE).as("Lettuce's queue is unbounded: the profiles bound it")
			.isEqualTo(Integer.MAX_VALUE);
	}

}
