package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.redis.health.RedisPingHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the {@code redis} health indicator's first checks, against private
 * redis-servers that are slow to accept the client's first connection, absent, or hung.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisHealthIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisPoolHealthContributorAutoConfiguration.class))
		.withPropertyValues("spring.application.name=health-it", "pool.instance-id=h1", "pool.health.timeout=500ms");

	@Test
	void clientConnectsInTheBackgroundAtStartUp() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.redis.url=" + redis.url())
				.run((context) -> await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(redis.clientNames()).contains("health-it/h1")));
		}
	}

	@Test
	void firstCheckWaitsForAReachableServerThatIsSlowToAcceptTheConnectionAndSaysUp() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			redis.freeze();
			this.contextRunner
				.withPropertyValues("pool.redis.url=" + redis.url(), "pool.redis.connect-timeout=20s",
						"pool.redis.command-timeout=20s")
				.run((context) -> {
					long start = System.nanoTime();
					CompletableFuture<Health> first = CompletableFuture.supplyAsync(() -> health(context));
					// the health timeout (500 ms) passes twice while the server holds the connection
					await().atMost(Duration.ofSeconds(10))
						.until(() -> first.isDone() || elapsed(start).compareTo(Duration.ofSeconds(1)) > 0);
					redis.thaw();
					Health health = first.get(20, TimeUnit.SECONDS);
					assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("ping", "PONG");
				});
		}
	}

	@Test
	void firstCheckSaysDownAtOnceWhenNothingListens() {
		this.contextRunner
			.withPropertyValues("pool.redis.url=redis://127.0.0.1:" + FreePort.closed(), "pool.redis.connect-timeout=30s")
			.run((context) -> {
				long start = System.nanoTime();
				Health health = health(context);
				assertThat(elapsed(start)).as("a refused connection waits for no timeout")
					.isLessThan(Duration.ofSeconds(5));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("error").toString()).contains("Unable to connect");
			});
	}

	@Test
	void firstCheckSaysDownWithinTheConnectTimeoutWhenTheServerDoesNotAnswer() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			redis.freeze();
			this.contextRunner
				.withPropertyValues("pool.redis.url=" + redis.url(), "pool.redis.connect-timeout=2s",
						"pool.redis.command-timeout=30s")
				.run((context) -> {
					long start = System.nanoTime();
					Health first = health(context);
					assertThat(elapsed(start)).as("connect timeout + health timeout, counted from start-up")
						.isLessThan(Duration.ofMillis(2500 + 1500));
					assertThat(first.getStatus()).isEqualTo(Status.DOWN);
					assertThat(first.getDetails()).containsEntry("error",
							"not connected within 2500 ms (connect timeout 2000 ms + health timeout 500 ms)");
					start = System.nanoTime();
					Health second = health(context);
					assertThat(elapsed(start)).as("later checks wait only the health timeout")
						.isLessThan(Duration.ofMillis(500 + 1000));
					assertThat(second.getStatus()).isEqualTo(Status.DOWN);
					assertThat(second.getDetails()).containsEntry("error", "no PONG within 500 ms");
					redis.thaw();
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
				});
		}
	}

	@Test
	void outageIsLoggedOnceRatherThanOnEveryCheck(CapturedOutput output) {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner.withPropertyValues("pool.profile=prod", "pool.redis.url=" + redis.url()).run((context) -> {
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
				redis.stop();
				for (int i = 0; i < 5; i++) {
					Health health = health(context);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails().get("error")).asString()
						.endsWith("RedisException: Currently not connected. Commands are rejected.");
				}
				redis.start();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
				assertThat(output.getOut().lines().filter((line) -> line.contains("Redis health check failed")))
					.hasSize(1)
					.first()
					.asString()
					.endsWith("Commands are rejected.; DOWN until a PING answers");
				assertThat(output.getOut().lines().filter((line) -> line.contains("Redis health check answers again")))
					.hasSize(1);
			});
		}
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(RedisPingHealthIndicator.class).health(true);
	}

}
