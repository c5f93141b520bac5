package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.Properties;

import dev.poolstarter.test.TestSentinel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.redis.health.RedisPingHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the client in Sentinel mode through a real failover: a primary, a
 * replica and three sentinels started from the redis-server binary on loopback ports; the
 * test kills the primary with SIGKILL and the client must follow the replica the
 * sentinels promote, with health and meters saying so.
 */
class RedisSentinelFailoverIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(RedisSentinelFailoverIntegrationTests.class);

	// sentinels declare the primary down after 1 s; the rest is election and promotion
	private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

	// a cold JVM on a busy machine took more than 30 s for its first connection, which is
	// not what these tests measure
	private static final Duration WARM_UP_BOUND = Duration.ofMinutes(2);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisPoolHealthContributorAutoConfiguration.class, RedisClientMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("spring.application.name=sentinel-it", "pool.instance-id=s1", "pool.profile=prod",
				"pool.health.timeout=1s");

	@Test
	void pooledClientFollowsTheReplicaThatSentinelsPromoteWhenThePrimaryDies() {
		failover("pool.redis.pool-enabled=true");
	}

	@Test
	void sharedConnectionFollowsTheReplicaThatSentinelsPromoteWhenThePrimaryDies() {
		failover("pool.redis.pool-enabled=false");
	}

	private void failover(String pooling) {
		try (TestSentinel sentinel = TestSentinel.start()) {
			this.contextRunner
				.withPropertyValues(pooling, "pool.redis.sentinel-master=" + TestSentinel.MASTER_NAME,
						"pool.redis.sentinel-nodes=" + String.join(",", sentinel.sentinelNodes()))
				.run((context) -> {
					try {
						failover(context, sentinel);
					}
					catch (AssertionError | RuntimeException ex) {
						throw new AssertionError(ex.getMessage() + "\nRedis and Sentinel logs:\n" + sentinel.logs(), ex);
					}
				});
		}
	}

	private void failover(AssertableApplicationContext context, TestSentinel sentinel) {
		assertThat(context).hasNotFailed();
		StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
		Health before = awaitUp(context, WARM_UP_BOUND);
		assertThat(before.getDetails()).containsEntry("mode", "sentinel")
			.containsEntry("address", "sentinel master mymaster via " + String.join(",", sentinel.sentinelNodes()))
			.containsEntry("ping", "PONG");
		await().atMost(WARM_UP_BOUND)
			.ignoreExceptions()
			.untilAsserted(() -> template.opsForValue().set("written-before", "kept"));
		int primary = sentinel.primaryPort();
		int replica = sentinel.replicaPort();
		assertThat(serverPort(template)).as("the primary that the sentinels name").isEqualTo(primary);
		// replication is asynchronous: a write the replica has not seen would die with the primary
		await().atMost(WARM_UP_BOUND).until(() -> "kept".equals(TestSentinel.value(replica, "written-before")));
		double reconnectsBefore = reconnects(context);

		long killed = System.nanoTime();
		assertThat(sentinel.killPrimary()).isEqualTo(primary);
		Health during = await().atMost(FAILOVER_BOUND)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health(context), (health) -> !Status.UP.equals(health.getStatus()));
		assertThat(during.getStatus()).as("health while no primary answers: %s", during.getDetails())
			.isIn(Status.DOWN, HealthStatuses.DEGRADED);
		assertThat(during.getDetails()).containsEntry("mode", "sentinel").containsKey("error");
		await().atMost(FAILOVER_BOUND)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> sentinel.primaryPort() == replica);
		Duration promoted = since(killed);
		await().atMost(FAILOVER_BOUND)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.untilAsserted(() -> template.opsForValue().set("written-after", "new"));
		Duration writable = since(killed);
		Health after = awaitUp(context, FAILOVER_BOUND);
		Duration up = since(killed);
		double reconnectsAfter = reconnects(context);
		logger.info("Sentinel failover: the sentinels named the replica after {} ms, writes succeeded after {} ms, "
				+ "health UP after {} ms (health meanwhile: {}, {}); pool.redis.reconnects +{}", promoted.toMillis(),
				writable.toMillis(), up.toMillis(), during.getStatus(), during.getDetails().get("error"),
				reconnectsAfter - reconnectsBefore);

		assertThat(writable).as("writes succeed again within the bound").isLessThan(FAILOVER_BOUND);
		// one command that misses its timeout on a busy machine says nothing about the failover
		await().atMost(FAILOVER_BOUND).ignoreExceptions().untilAsserted(() -> {
			assertThat(serverPort(template)).as("the client talks to the former replica").isEqualTo(replica);
			assertThat(serverRole(template)).isEqualTo("master");
			assertThat(template.opsForValue().get("written-before")).as("a write made before the failover")
				.isEqualTo("kept");
			assertThat(template.opsForValue().get("written-after")).isEqualTo("new");
		});
		assertThat(after.getDetails()).containsEntry("mode", "sentinel").containsEntry("ping", "PONG");
		assertThat(reconnectsAfter).as("pool.redis.reconnects counts the attempts while no primary answered")
			.isGreaterThan(reconnectsBefore);
	}

	private static Health awaitUp(AssertableApplicationContext context, Duration bound) {
		return await().atMost(bound)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health(context), (health) -> Status.UP.equals(health.getStatus()));
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(RedisPingHealthIndicator.class).health(true);
	}

	private static double reconnects(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.get("pool.redis.reconnects")
			.tag("service", "sentinel-it")
			.tag("profile", "prod")
			.counter()
			.count();
	}

	private static int serverPort(StringRedisTemplate template) {
		return Integer.parseInt(info(template, "server").getProperty("tcp_port"));
	}

	private static String serverRole(StringRedisTemplate template) {
		return info(template, "replication").getProperty("role");
	}

	private static Properties info(StringRedisTemplate template, String section) {
		return template.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info(section));
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
