package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.poolstarter.test.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.connection.ConnectedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the reconnect delay of {@link RedisPoolAutoConfiguration}'s client
 * resources, against a private redis-server that the test stops and starts again:
 * connections that lost Redis at the same instant come back at different instants.
 */
class RedisReconnectIntegrationTests {

	private static final int CONNECTIONS = 32;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class))
		.withPropertyValues("spring.application.name=reconnect-it", "pool.profile=dev");

	@Test
	void connectionsThatLostRedisTogetherReconnectAtDifferentInstants() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			this.contextRunner
				.withPropertyValues("pool.redis.url=" + redis.url(), "pool.redis.reconnect-delay-max=5s")
				.run((context) -> {
				ClientResources resources = context.getBean(ClientResources.class);
				Queue<ReconnectAttemptEvent> attempts = new ConcurrentLinkedQueue<>();
				Queue<Long> connected = new ConcurrentLinkedQueue<>();
				Disposable events = resources.eventBus().get().subscribe((event) -> {
					if (event instanceof ReconnectAttemptEvent attempt) {
						attempts.add(attempt);
					}
					if (event instanceof ConnectedEvent) {
						connected.add(System.nanoTime());
					}
				});
				RedisClient client = RedisClient.create(resources, redis.url());
				try {
					List<StatefulRedisConnection<String, String>> connections = connect(client);
					redis.stop();
					await().atMost(Duration.ofSeconds(60))
						.until(() -> attempts.stream().filter((attempt) -> attempt.getAttempt() == 8).count(),
								(count) -> count >= CONNECTIONS);
					connected.clear();
					long restarted = System.nanoTime();
					redis.start();
					await().atMost(Duration.ofSeconds(60)).until(connected::size, (count) -> count >= CONNECTIONS);
					List<Long> instants = connected.stream().sorted().toList();
					assertThat(mostWithin(instants, Duration.ofMillis(250)))
						.as("connections of %d that dropped together and reconnected within the same 250 ms",
								CONNECTIONS)
						.isLessThanOrEqualTo(CONNECTIONS * 3 / 8);
					assertThat(Duration.ofNanos(instants.get(instants.size() - 1) - restarted))
						.as("the last reconnect after the restart: at most reconnect-delay-max (5s) and the start")
						.isLessThan(Duration.ofSeconds(20));
					assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getDelay())
						.isBetween(Duration.ofMillis(50), Duration.ofSeconds(5)));
					assertThat(attempts.stream().filter((attempt) -> attempt.getAttempt() == 1))
						.allSatisfy((attempt) -> assertThat(attempt.getDelay()).isEqualTo(Duration.ofMillis(50)));
					assertThat(attempts.stream()
						.filter((attempt) -> attempt.getAttempt() == 3)
						.map(ReconnectAttemptEvent::getDelay)
						.distinct()
						.count()).as("different waits before the third attempt").isGreaterThan(CONNECTIONS / 2);
					connections.forEach((connection) -> assertThat(connection.sync().ping()).isEqualTo("PONG"));
				}
				finally {
					client.shutdown();
					events.dispose();
				}
			});
		}
	}

	private static long mostWithin(List<Long> sortedNanos, Duration window) {
		long most = 0;
		for (long first : sortedNanos) {
			most = Math.max(most, sortedNanos.stream()
				.filter((instant) -> instant >= first && instant - first < window.toNanos())
				.count());
		}
		return most;
	}

	private static List<StatefulRedisConnection<String, String>> connect(RedisClient client) {
		List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			StatefulRedisConnection<String, String> connection = client.connect();
			assertThat(connection.sync().ping()).isEqualTo("PONG");
			connections.add(connection);
		}
		return connections;
	}

}
