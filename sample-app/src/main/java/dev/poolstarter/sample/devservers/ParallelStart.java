package dev.poolstarter.sample.devservers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Starts embedded servers side by side, since PostgreSQL alone takes seconds, and waits
 * for all of them within one bound. If one fails or the bound passes, it stops the others,
 * including those that finish starting later.
 *
 * @author pool-starter
 */
final class ParallelStart {

	private ParallelStart() {
	}

	/**
	 * Return the started servers, in the order given.
	 * @throws DevServerStartException naming the first server that did not start
	 */
	static Map<DevServer, EmbeddedServer> start(List<DevServer> servers, Function<DevServer, EmbeddedServer> starter,
			Duration timeout) {
		if (servers.isEmpty()) {
			return Map.of();
		}
		ExecutorService executor = Executors.newFixedThreadPool(servers.size(), daemonThreads());
		try {
			Map<DevServer, CompletableFuture<EmbeddedServer>> starts = new LinkedHashMap<>();
			servers.forEach((server) -> starts.put(server,
					CompletableFuture.supplyAsync(() -> starter.apply(server), executor)));
			return await(starts, timeout);
		}
		finally {
			executor.shutdown();
		}
	}

	private static Map<DevServer, EmbeddedServer> await(Map<DevServer, CompletableFuture<EmbeddedServer>> starts,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<DevServer, EmbeddedServer> started = new LinkedHashMap<>();
		for (Map.Entry<DevServer, CompletableFuture<EmbeddedServer>> start : starts.entrySet()) {
			DevServer server = start.getKey();
			try {
				started.put(server, start.getValue().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
			}
			catch (ExecutionException ex) {
				throw abandon(starts, new DevServerStartException(server, ex.getCause().getMessage(), ex.getCause()));
			}
			catch (TimeoutException ex) {
				throw abandon(starts,
						new DevServerStartException(server, "no answer within " + timeout.toSeconds() + " s", ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw abandon(starts, new DevServerStartException(server, "interrupted", ex));
			}
		}
		return started;
	}

	private static DevServerStartException abandon(Map<DevServer, CompletableFuture<EmbeddedServer>> starts,
			DevServerStartException failure) {
		starts.values().forEach((start) -> start.thenAccept(EmbeddedServer::stop));
		return failure;
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "dev-servers-start-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
