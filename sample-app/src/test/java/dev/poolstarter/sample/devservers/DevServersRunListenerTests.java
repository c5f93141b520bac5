package dev.poolstarter.sample.devservers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DevServersRunListener}.
 */
class DevServersRunListenerTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final DevServers servers = new DevServers(
			Map.of(DevServer.REDIS, new FakeServer(DevServer.REDIS, 40001, this.events)), Duration.ofSeconds(1));

	private final SpringApplication application = new SpringApplication();

	private final DevServersRunListener listener = new DevServersRunListener(this.application, new String[0]);

	@Test
	void failureBeforeAnyContextStopsTheServers() {
		this.application.addInitializers(new DevServersContextInitializer(this.servers));
		this.listener.failed(null, new IllegalStateException("bad logging configuration"));
		assertThat(this.events).containsExactly("redis stopped");
	}

	@Test
	void failureWithAnActiveContextLeavesTheServersToItsClose() {
		this.application.addInitializers(new DevServersContextInitializer(this.servers));
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		this.listener.failed(context, new IllegalStateException("runner failed"));
		assertThat(this.events).isEmpty();
		this.servers.stop();
		context.close();
	}

	@Test
	void failureWithoutDevServersIsIgnored() {
		this.listener.failed(null, new IllegalStateException("failed"));
		assertThat(this.events).isEmpty();
	}

}
