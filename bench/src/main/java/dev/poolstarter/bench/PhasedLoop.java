package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A closed loop whose client count and hold change at each phase boundary of a
 * {@link Scenario}, through one pool that keeps running across the boundaries: as many
 * client threads as the largest phase needs, of which the first {@code clients} of the
 * current phase run transactions and the others wait for the next boundary. A client
 * finishes the transaction it is in when its phase ends. A transaction counts in the
 * phase and the second in which it ends, so that every phase's throughput is its
 * completions per second; nothing counts after the scenario's end.
 *
 * @author pool-starter
 */
final class PhasedLoop {

	private static final Duration STOP_GRACE = Duration.ofSeconds(3);

	private final Scenario scenario;

	private final List<Workload> workloads;

	private final Object gate = new Object();

	private volatile int phase;

	private volatile boolean running;

	private long origin;

	private AtomicLongArray perSecond = new AtomicLongArray(0);

	private final List<LatencyRecorder> latency = new ArrayList<>();

	private AtomicLongArray timeouts = new AtomicLongArray(0);

	private AtomicLongArray errors = new AtomicLongArray(0);

	private final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();

	PhasedLoop(Scenario scenario, Workload workload) {
		this.scenario = scenario;
		this.workloads = scenario.phases().stream().map((phase) -> workload.withHoldMillis(phase.holdMillis())).toList();
	}

	/**
	 * Run the whole scenario through a pool; one loop runs once.
	 * @param config the configuration's label
	 * @param pool the pool
	 * @param name prefix of the client threads' names
	 * @return the figures
	 * @throws InterruptedException when interrupted
	 */
	ScenarioRun run(String config, BenchPool pool, String name) throws InterruptedException {
		return run(config, pool, name, (phase) -> {
		});
	}

	/**
	 * Run the whole scenario through a pool, doing something to the pool as each phase
	 * starts, before its clients run; one loop runs once.
	 * @param config the configuration's label
	 * @param pool the pool
	 * @param name prefix of the client threads' names
	 * @param atPhase called with each phase's index as it starts
	 * @return the figures
	 * @throws InterruptedException when interrupted
	 */
	ScenarioRun run(String config, BenchPool pool, String name, IntConsumer atPhase) throws InterruptedException {
		int phases = this.scenario.phases().size();
		this.perSecond = new AtomicLongArray(this.scenario.seconds());
		this.timeouts = new AtomicLongArray(phases);
		this.errors = new AtomicLongArray(phases);
		this.latency.clear();
		for (int i = 0; i < phases; i++) {
			this.latency.add(LatencyRecorder.concurrent());
		}
		this.phase = 0;
		this.running = true;
		atPhase.accept(0);
		this.origin = System.nanoTime();
		List<SizeSample> sizes;
		try (PoolSizeSampler sampler = new PoolSizeSampler(pool.dataSource(), this.origin, name + "-size")) {
			List<Client> clients = new ArrayList<>();
			for (int i = 0; i < this.scenario.maxClients(); i++) {
				Client client = new Client(pool, i, name + "-client-" + i);
				clients.add(client);
				client.start();
			}
			for (int i = 1; i < phases; i++) {
				sleepUntil(this.origin + TimeUnit.SECONDS.toNanos(this.scenario.start(i)));
				atPhase.accept(i);
				enter(i);
			}
			sleepUntil(this.origin + TimeUnit.SECONDS.toNanos(this.scenario.seconds()));
			stop(clients);
			sizes = sampler.samples();
		}
		return summarize(config, sizes);
	}

	private void enter(int phase) {
		synchronized (this.gate) {
			this.phase = phase;
			this.gate.notifyAll();
		}
	}

	private void stop(List<Client> clients) throws InterruptedException {
		synchronized (this.gate) {
			this.running = false;
			this.gate.notifyAll();
		}
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		for (Client client : clients) {
			client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		// a client still waiting for a connection (HikariCP's timeout may be 30s) is woken
		for (Client client : clients) {
			if (client.isAlive()) {
				client.interrupt();
				client.join(STOP_GRACE.toMillis());
			}
		}
	}

	private ScenarioRun summarize(String config, List<SizeSample> sizes) {
		List<PhaseStats> stats = new ArrayList<>();
		LatencyRecorder all = new LatencyRecorder();
		long timeouts = 0;
		long errors = 0;
		for (int i = 0; i < this.scenario.phases().size(); i++) {
			LatencyRecorder recorder = this.latency.get(i);
			all.add(recorder);
			timeouts += this.timeouts.get(i);
			errors += this.errors.get(i);
			stats.add(stats(recorder, this.scenario.phases().get(i).seconds(), this.timeouts.get(i), this.errors.get(i)));
		}
		long[] seconds = new long[this.perSecond.length()];
		for (int i = 0; i < seconds.length; i++) {
			seconds[i] = this.perSecond.get(i);
		}
		return new ScenarioRun(config, stats, stats(all, this.scenario.seconds(), timeouts, errors), seconds, sizes,
				this.firstFailure.get());
	}

	private static PhaseStats stats(LatencyRecorder recorder, int seconds, long timeouts, long errors) {
		return new PhaseStats(recorder.count(), (double) recorder.count() / seconds, recorder.percentileMillis(50),
				recorder.percentileMillis(99), timeouts, errors);
	}

	// where an end falls, or -1 outside the scenario
	private double secondsOf(long nanoTime) {
		double seconds = (nanoTime - this.origin) / 1e9;
		return (seconds >= 0 && seconds < this.scenario.seconds()) ? seconds : -1;
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private final class Client extends Thread {

		private final BenchPool pool;

		private final int index;

		Client(BenchPool pool, int index, String name) {
			super(name);
			this.pool = pool;
			this.index = index;
			setDaemon(true);
		}

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (PhasedLoop.this.running && !isInterrupted()) {
				int current = PhasedLoop.this.phase;
				if (this.index >= PhasedLoop.this.scenario.phases().get(current).clients()) {
					awaitNextPhase(current);
					continue;
				}
				transaction(PhasedLoop.this.workloads.get(current), random);
			}
		}

		private void transaction(Workload workload, ThreadLocalRandom random) {
			long start = System.nanoTime();
			try (Connection connection = this.pool.dataSource().getConnection()) {
				workload.execute(connection, random);
			}
			catch (SQLTransientConnectionException ex) {
				failed(ex, true);
				return;
			}
			catch (SQLException ex) {
				failed(ex, false);
				return;
			}
			long end = System.nanoTime();
			double seconds = secondsOf(end);
			if (seconds >= 0) {
				PhasedLoop.this.latency.get(PhasedLoop.this.scenario.phaseAt(seconds)).recordNanos(end - start);
				PhasedLoop.this.perSecond.incrementAndGet((int) seconds);
			}
		}

		private void awaitNextPhase(int current) {
			synchronized (PhasedLoop.this.gate) {
				while (PhasedLoop.this.running && PhasedLoop.this.phase == current) {
					try {
						PhasedLoop.this.gate.wait();
					}
					catch (InterruptedException ex) {
						interrupt();
						return;
					}
				}
			}
		}

		private void failed(SQLException ex, boolean timeout) {
			double seconds = secondsOf(System.nanoTime());
			if (PhasedLoop.this.running && seconds >= 0) {
				int phase = PhasedLoop.this.scenario.phaseAt(seconds);
				(timeout ? PhasedLoop.this.timeouts : PhasedLoop.this.errors).incrementAndGet(phase);
				PhasedLoop.this.firstFailure.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			if (!timeout) {
				pause();
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
