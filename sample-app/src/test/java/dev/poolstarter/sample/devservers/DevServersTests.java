package dev.poolstarter.sample.devservers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DevServers}.
 */
class DevServersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	void startsTheServersInParallel() {
		CountDownLatch allStarting = new CountDownLatch(3);
		DevServers servers = DevServers.start(List.of(DevServer.values()), (server) -> {
			allStarting.countDown();
			awaitLatch(allStarting);
			return fake(server);
		}, TIMEOUT, TIMEOUT);
		try {
			assertThat(servers.get(DevServer.KAFKA)).isNotNull();
		}
		finally {
			servers.stop();
		}
	}

	@Test
	void failedStartStopsTheServersThatStartedAndNamesTheServer() {
		Function<DevServer, EmbeddedServer> starter = (server) -> {
			if (server == DevServer.REDIS) {
				throw new IllegalStateException("redis-server exited with code 1");
			}
			return fake(server);
		};
		assertThatExceptionOfType(DevServerStartException.class)
			.isThrownBy(() -> DevServers.start(List.of(DevServer.values()), starter, TIMEOUT, TIMEOUT))
			.withMessage("Embedded Redis did not start: redis-server exited with code 1")
			.satisfies((ex) -> assertThat(ex.getServer()).isEqualTo(DevServer.REDIS));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.events).containsExactlyInAnyOrder("postgres stopped", "kafka stopped"));
	}

	@Test
	void serverThatStartsAfterTheTimeoutIsStoppedOnceItHasStarted() {
		CountDownLatch release = new CountDownLatch(1);
		Function<DevServer, EmbeddedServer> starter = (server) -> {
			awaitLatch(release);
			return fake(server);
		};
		assertThatExceptionOfType(DevServerStartException.class)
			.isThrownBy(
					() -> DevServers.start(List.of(DevServer.POSTGRES), starter, Duration.ofMillis(100), TIMEOUT))
			.withMessage("Embedded PostgreSQL did not start: no answer within 0 s");
		assertThat(this.events).isEmpty();
		release.countDown();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.events).containsExactly("postgres stopped"));
	}

	@Test
	void stopsInReverseOrderOnlyOnce() {
		DevServers servers = running();
		servers.stop();
		servers.stop();
		assertThat(this.events).containsExactly("kafka stopped", "redis stopped", "postgres stopped");
	}

	@Test
	void jvmExitStopsThemAtOnceWhenNoContextOwnsThem() {
		DevServers servers = running();
		servers.stopAtJvmExit();
		assertThat(this.events).hasSize(3);
	}

	@Test
	void jvmExitWaitsWhileTheOwningContextClosesAndDrainsItsBeans() throws Exception {
		DevServers servers = running();
		GenericApplicationContext context = new GenericApplicationContext();
		new DevServersContextInitializer(servers).initialize(context);
		context.refresh();
		Thread hook = new Thread(servers::stopAtJvmExit);
		hook.start();
		hook.join(300);
		assertThat(hook.isAlive()).as("the hook waits for the context").isTrue();
		assertThat(this.events).isEmpty();
		context.close();
		hook.join(TIMEOUT.toMillis());
		assertThat(hook.isAlive()).isFalse();
		assertThat(this.events).containsExactly("kafka stopped", "redis stopped", "postgres stopped");
	}

	@Test
	void jvmExitWaitsNoLongerThanItsGrace() {
		DevServers servers = new DevServers(Map.of(DevServer.REDIS, fake(DevServer.REDIS)), Duration.ofMillis(100));
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		servers.ownedBy(context);
		servers.stopAtJvmExit();
		assertThat(this.events).containsExactly("redis stopped");
		context.close();
	}

	private DevServers running() {
		return DevServers.start(List.of(DevServer.values()), this::fake, TIMEOUT, TIMEOUT);
	}

	private EmbeddedServer fake(DevServer server) {
		return new FakeServer(server, 40000 + server.ordinal(), this.events);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
