package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A fixed number of clients, each a thread in a closed loop (borrow, run the
 * transaction, give back, again) for a warm-up and then a measured window. A transaction,
 * a failed one and a borrow that timed out count when they end inside the window, so that
 * the throughput is the completions per second whatever the latency (counting only those
 * that also started inside would leave out about latency / window of them).
 *
 * @author pool-starter
 */
final class ClosedLoop {

	private static final Duration STOP_GRACE = Duration.ofSeconds(3);

	private final Workload workload;

	private final Duration warmup;

	private final Duration measured;

	ClosedLoop(Workload workload, Duration warmup, Duration measured) {
		this.workload = workload;
		this.warmup = warmup;
		this.measured = measured;
	}

	RunStats run(String config, BenchPool pool, int clients, ServerSampler sampler) throws InterruptedException {
		long start = System.nanoTime();
		Window window = new Window(start + this.warmup.toNanos(), start + this.warmup.plus(this.measured).toNanos());
		List<Client> all = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Client client = new Client(pool.dataSource(), window, "bench-client-" + i);
			all.add(client);
			client.start();
		}
		sleepUntil(window.start());
		sampler.startSampling();
		CpuUsage before = CpuUsage.now();
		sleepUntil(window.end());
		CpuUsage after = CpuUsage.now();
		sampler.stopSampling();
		stop(all);
		return summarize(config, pool.currentSize(), clients, all, sampler,
				after.since(before, Runtime.getRuntime().availableProcessors()));
	}

	private RunStats summarize(String config, int poolSize, int clients, List<Client> all, ServerSampler sampler,
			CpuUsage.Shares cpu) {
		LatencyRecorder latency = new LatencyRecorder();
		LatencyRecorder acquire = new LatencyRecorder();
		LatencyRecorder held = new LatencyRecorder();
		long timeouts = 0;
		long errors = 0;
		String note = null;
		for (Client client : all) {
			latency.add(client.latency);
			acquire.add(client.acquire);
			held.add(client.held);
			timeouts += client.timeouts;
			errors += client.errors;
			note = (note != null) ? note : client.firstFailure;
		}
		double seconds = this.measured.toNanos() / 1e9;
		return new RunStats(config, poolSize, clients, latency.count(), latency.count() / seconds,
				latency.percentileMillis(50), latency.percentileMillis(99), acquire.percentileMillis(99),
				held.meanMillis(), timeouts,
				errors, sampler.maxConnections(), sampler.maxBusy(), sampler.othersBusy(), cpu, note);
	}

	private static void stop(List<Client> all) throws InterruptedException {
		all.forEach(Client::finish);
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		for (Client client : all) {
			client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		// a client still waiting for a connection (HikariCP's timeout may be 30s) is woken
		for (Client client : all) {
			if (client.isAlive()) {
				client.interrupt();
				client.join(STOP_GRACE.toMillis());
			}
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/**
	 * The measured window, in {@link System#nanoTime()}.
	 *
	 * @param start when it opens
	 * @param end when it closes
	 */
	record Window(long start, long end) {

		boolean counts(long ended) {
			return ended >= this.start && ended <= this.end;
		}

	}

	private final class Client extends Thread {

		private final DataSource dataSource;

		private final Window window;

		private final LatencyRecorder latency = new LatencyRecorder();

		private final LatencyRecorder acquire = new LatencyRecorder();

		private final LatencyRecorder held = new LatencyRecorder();

		private long timeouts;

		private long errors;

		private @Nullable String firstFailure;

		private volatile boolean running = true;

		Client(DataSource dataSource, Window window, String name) {
			super(name);
			this.dataSource = dataSource;
			this.window = window;
			setDaemon(true);
		}

		void finish() {
			this.running = false;
		}

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (this.running && !isInterrupted()) {
				long start = System.nanoTime();
				long acquired = start;
				try (Connection connection = this.dataSource.getConnection()) {
					acquired = System.nanoTime();
					ClosedLoop.this.workload.execute(connection, random);
				}
				catch (SQLTransientConnectionException ex) {
					failed(ex, true);
					continue;
				}
				catch (SQLException ex) {
					failed(ex, false);
					continue;
				}
				long end = System.nanoTime();
				if (this.window.counts(end)) {
					this.latency.recordNanos(end - start);
					this.acquire.recordNanos(acquired - start);
					this.held.recordNanos(end - acquired);
				}
			}
		}

		private void failed(SQLException ex, boolean timeout) {
			long end = System.nanoTime();
			if (this.running && this.window.counts(end)) {
				count(ex, timeout);
			}
			if (!timeout) {
				pause();
			}
		}

		private void count(SQLException ex, boolean timeout) {
			if (timeout) {
				this.timeouts++;
			}
			else {
				this.errors++;
			}
			if (this.firstFailure == null) {
				this.firstFailure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			}
		}

		// a failing server (too many clients) should not turn the client into a busy loop
		private void pause() {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				interrupt();
			}
		}

	}

}
