package dev.poolstarter.sample.devservers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DevServersContextInitializer}.
 */
class DevServersContextInitializerTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final DevServers servers = new DevServers(
			Map.of(DevServer.POSTGRES, new FakeServer(DevServer.POSTGRES, 40000, this.events)), Duration.ofSeconds(1));

	@Test
	void serversStopAfterTheApplicationsLifecycleBeansAndDisposableBeans() {
		GenericApplicationContext context = new GenericApplicationContext();
		new DevServersContextInitializer(this.servers).initialize(context);
		context.registerBean("pool", DisposableBean.class, () -> () -> this.events.add("pool closed"));
		context.registerBean("listener", SmartLifecycle.class, () -> new Listener(this.events));
		context.refresh();
		context.close();
		assertThat(this.events).containsExactly("listener stopped", "pool closed", "postgres stopped");
	}

	@Test
	void singletonRegisteredWithoutDisposableRegistrationIsNeverStopped() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getBeanFactory().registerSingleton("servers", (DisposableBean) this.servers::stop);
		context.refresh();
		context.close();
		assertThat(this.events).isEmpty();
		this.servers.stop();
	}

	@Test
	void failedRefreshStopsTheServers() {
		GenericApplicationContext context = new GenericApplicationContext();
		new DevServersContextInitializer(this.servers).initialize(context);
		context.registerBean("broken", Object.class, () -> {
			throw new IllegalStateException("broken");
		});
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
		assertThat(this.events).containsExactly("postgres stopped");
	}

	private static final class Listener implements SmartLifecycle {

		private final List<String> events;

		private volatile boolean running;

		Listener(List<String> events) {
			this.events = events;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.events.add("listener stopped");
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
