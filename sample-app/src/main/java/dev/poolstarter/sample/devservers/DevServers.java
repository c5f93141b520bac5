package dev.poolstarter.sample.devservers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded servers of one application run: started together, stopped together, once.
 * A JVM shutdown hook stops them if no application context does.
 *
 * @author pool-starter
 */
final class DevServers {

	private static final Log logger = LogFactory.getLog(DevServers.class);

	private final Map<DevServer, EmbeddedServer> servers;

	private final Duration exitGrace;

	private final AtomicBoolean stopping = new AtomicBoolean();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final @Nullable Thread shutdownHook;

	private volatile @Nullable ConfigurableApplicationContext owner;

	DevServers(Map<DevServer, EmbeddedServer> servers, Duration exitGrace) {
		this.servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
		this.exitGrace = exitGrace;
		this.shutdownHook = (servers.isEmpty()) ? null : new Thread(this::stopAtJvmExit, "dev-servers-shutdown");
		if (this.shutdownHook != null) {
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
	}

	/**
	 * Start the servers in parallel, at most {@code timeout}.
	 * @see ParallelStart
	 */
	static DevServers start(List<DevServer> servers, Function<DevServer, EmbeddedServer> starter, Duration timeout,
			Duration exitGrace) {
		return new DevServers(ParallelStart.start(servers, starter, timeout), exitGrace);
	}

	@Nullable EmbeddedServer get(DevServer server) {
		return this.servers.get(server);
	}

	boolean isEmpty() {
		return this.servers.isEmpty();
	}

	/**
	 * Hand the servers to the application context that stops them when it closes.
	 */
	void ownedBy(ConfigurableApplicationContext context) {
		this.owner = context;
	}

	/**
	 * Stop every server, in the reverse order of {@link DevServer}: Kafka, Redis, then
	 * PostgreSQL. Only the first call stops them; later ones return at once.
	 */
	void stop() {
		if (!this.stopping.compareAndSet(false, true)) {
			return;
		}
		long start = System.nanoTime();
		try {
			List<DevServer> order = new ArrayList<>(this.servers.keySet());
			Collections.reverse(order);
			order.forEach((server) -> stopQuietly(this.servers.get(server)));
			if (!order.isEmpty()) {
				logger.info("Stopped the embedded dev servers " + order.stream().map(DevServer::id).toList() + " in "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
			}
		}
		finally {
			this.stopped.countDown();
			removeShutdownHook();
		}
	}

	private static void stopQuietly(EmbeddedServer server) {
		try {
			server.stop();
		}
		catch (RuntimeException ex) {
			// the others must stop too
			logger.warn("Could not stop " + server.description(), ex);
		}
	}

	/**
	 * Wait until {@link #stop()} has finished, at most {@code timeout}.
	 * @return whether they are stopped
	 */
	boolean awaitStopped(Duration timeout) throws InterruptedException {
		return this.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Run by the JVM at exit, alongside Spring Boot's own shutdown hook. While that hook
	 * closes the owning context the servers must outlive the application's pools, so wait
	 * for the context to stop them; stop them here when no context does.
	 */
	void stopAtJvmExit() {
		ConfigurableApplicationContext context = this.owner;
		if (context != null && context.isActive()) {
			try {
				awaitStopped(this.exitGrace);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stop();
	}

	private void removeShutdownHook() {
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is already exiting
			}
		}
	}

}
