package dev.poolstarter.autoconfigure.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.poolstarter.test.TestRedis;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.redis.ReconnectingLettuceConnectionFactory;
import dev.poolstarter.redis.health.RedisPingHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the Redis client against real redis-servers: the shared one, and
 * private ones that the tests stop, restart and turn into replicas.
 */
class RedisPoolIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisPoolHealthContributorAutoConfiguration.class))
		.withPropertyValues("spring.application.name=cache-it", "pool.instance-id=r1");

	@Test
	void roundTripThroughSpringDataRedisWithTheClientName() {
		TestRedis.Server server = TestRedis.get();
		this.contextRunner.withPropertyValues("pool.redis.url=" + server.url()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("pool-starter:it", "value", Duration.ofMinutes(1));
			assertThat(template.opsForValue().get("pool-starter:it")).isEqualTo("value");
			assertThat(template.execute((org.springframework.data.redis.core.RedisCallback<String>) (
					connection) -> connection.serverCommands().getClientName())).isEqualTo("cache-it/r1");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("ping", "PONG")
				.containsEntry("mode", "standalone")
				.containsKeys("roundTripMillis", "version");
		});
	}

	@Test
	void prodClientFailsFastWhileRedisIsDownAndRecoversWhenItIsBack() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.profile=prod", "pool.redis.url=" + redis.url())
				.withConfiguration(AutoConfigurations.of(RedisClientMetricsAutoConfiguration.class,
						MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class))
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.opsForValue().set("k", "before");
					redis.stop();
					long start = System.nanoTime();
					assertThatException().isThrownBy(() -> template.opsForValue().get("k"));
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
					Health down = health(context);
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					redis.start();
					await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
						template.opsForValue().set("k", "after");
						assertThat(template.opsForValue().get("k")).isEqualTo("after");
					});
					assertThat(health(context).getStatus()).isEqualTo(Status.UP);
					assertThat(context.getBean(MeterRegistry.class)
						.get("pool.redis.reconnects")
						.tag("service", "cache-it")
						.counter()
						.count()).isGreaterThanOrEqualTo(1);
				});
		}
	}

	@Test
	void devClientQueuesCommandsUntilRedisIsBackWithinTheCommandTimeout() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner
				.withPropertyValues("pool.profile=dev", "pool.redis.url=" + redis.url(), "pool.redis.command-timeout=20s")
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.opsForValue().set("k", "v");
					AtomicBoolean disconnected = new AtomicBoolean();
					Disposable subscription = context.getBean(ClientResources.class)
						.eventBus()
						.get()
						.filter(DisconnectedEvent.class::isInstance)
						.subscribe((event) -> disconnected.set(true));
					redis.stop();
					await().atMost(Duration.ofSeconds(10)).untilTrue(disconnected);
					subscription.dispose();
					RedisFuture<byte[]> queued = template
						.execute((RedisCallback<RedisFuture<byte[]>>) (connection) -> asyncCommands(connection)
							.get(("missing-key-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
					// a client that rejects commands while disconnected fails them right here
					assertThat(queued.toCompletableFuture()).as("queued while disconnected").isNotDone();
					redis.start();
					assertThat(queued.get(20, TimeUnit.SECONDS)).as("answered once Redis is back").isNull();
				});
		}
	}

	@SuppressWarnings("unchecked")
	private static RedisAsyncCommands<byte[], byte[]> asyncCommands(RedisConnection connection) {
		return (RedisAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

	@Test
	void readonlyReplyAfterAFailoverMakesTheClientReconnect() {
		try (TestRedis.PrivateRedis primary = TestRedis.startPrivate();
				TestRedis.PrivateRedis demoted = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.redis.url=" + demoted.url()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("k", "v");
				long connectionsBefore = connectionsReceived(template);
				assertThat(TestRedis.command("127.0.0.1", demoted.port(), "REPLICAOF", "127.0.0.1",
						String.valueOf(primary.port())))
					.isEqualTo("+OK");
				assertThatException().isThrownBy(() -> template.opsForValue().set("k", "w"))
					.withRootCauseInstanceOf(io.lettuce.core.RedisReadOnlyException.class);
				assertThat(TestRedis.command("127.0.0.1", demoted.port(), "REPLICAOF", "NO", "ONE")).isEqualTo("+OK");
				await().atMost(Duration.ofSeconds(5))
					.ignoreExceptions()
					.untilAsserted(() -> template.opsForValue().set("k", "x"));
				assertThat(connectionsReceived(template)).as("a new connection after READONLY")
					.isGreaterThan(connectionsBefore);
				assertThat(ReconnectingLettuceConnectionFactory.readOnlyReconnects(context.getBean(
						org.springframework.data.redis.connection.RedisConnectionFactory.class))).isEqualTo(1);
			});
		}
	}

	@Test
	void pooledClientRunsTransactionsOnPooledConnectionsThatTheGaugesCount() {
		TestRedis.Server server = TestRedis.get();
		this.contextRunner
			.withPropertyValues("pool.redis.url=" + server.url(), "pool.redis.pool-enabled=true",
					"spring.application.name=pooled-it")
			.withConfiguration(AutoConfigurations.of(RedisClientMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
				context.getBean(StringRedisTemplate.class).opsForValue().set("warm", "up");
				// The gauges must survive a collection, as they do for hours in production.
				System.gc();
				double shared = gauge(registry, "pool.redis.connections", "active");
				try (RedisConnection connection = factory.getConnection()) {
					connection.multi();
					connection.stringCommands().set("pooled".getBytes(), "1".getBytes());
					assertThat(gauge(registry, "pool.redis.connections", "active")).as("a dedicated connection")
						.isEqualTo(shared + 1);
					assertThat(connection.exec()).hasSize(1);
				}
				assertThat(gauge(registry, "pool.redis.connections", "active")).isEqualTo(shared);
				assertThat(gauge(registry, "pool.redis.connections", "idle")).isEqualTo(1);
				assertThat(registry.get("pool.redis.connections.max").gauge().value()).isEqualTo(4);
			});
	}

	private static double gauge(MeterRegistry registry, String name, String state) {
		return registry.get(name).tag("state", state).tag("service", "pooled-it").gauge().value();
	}

	@Test
	void healthAnswersWithinItsTimeoutAndSaysDegradedWhenRedisHangs() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner
				.withPropertyValues("pool.redis.url=" + redis.url(), "pool.health.timeout=500ms",
						"pool.redis.command-timeout=10s")
				.run((context) -> {
					context.getBean(StringRedisTemplate.class).opsForValue().set("warm", "up");
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
					redis.freeze();
					long start = System.nanoTime();
					Health health = health(context);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
					assertThat(health.getStatus()).as("a slow server that answered before")
						.isEqualTo(dev.poolstarter.health.HealthStatuses.DEGRADED);
					assertThat(health.getDetails()).containsEntry("error", "no PONG within 500 ms");
					redis.thaw();
				});
		}
	}

	@Test
	void healthTurnsDownWhenPingsThatOutlivedTheCheckFail() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner
				.withPropertyValues("pool.redis.url=" + redis.url(), "pool.health.timeout=300ms",
						"pool.redis.command-timeout=1s")
				.run((context) -> {
					context.getBean(StringRedisTemplate.class).opsForValue().set("warm", "up");
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
					redis.freeze();
					assertThat(health(context).getStatus()).as("first check after answering before")
						.isEqualTo(dev.poolstarter.health.HealthStatuses.DEGRADED);
					await().atMost(Duration.ofSeconds(10))
						.pollInterval(Duration.ofMillis(200))
						.untilAsserted(() -> assertThat(health(context).getStatus())
							.as("once a PING has failed on the command timeout")
							.isEqualTo(Status.DOWN));
					redis.thaw();
				});
		}
	}

	private static long connectionsReceived(StringRedisTemplate template) {
		java.util.Properties stats = template.execute(
				(org.springframework.data.redis.core.RedisCallback<java.util.Properties>) (connection) -> connection
					.serverCommands()
					.info("stats"));
		return Long.parseLong(stats.getProperty("total_connections_received"));
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(RedisPingHealthIndicator.class).health(true);
	}

}
