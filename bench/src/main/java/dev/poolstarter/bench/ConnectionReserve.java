package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

/**
 * Tries the smaller size of a {@link ProbePlan} another way than the lending limit: at the
 * start of every second phase, threads of the benchmark borrow as many connections as
 * lie between the two sizes and hold them, idle, until the next phase, so that the pool's
 * callers share the rest in HikariCP's own queue, as they would in a pool of the smaller
 * size, and nothing is opened again when the connections come back.
 *
 * @author pool-starter
 */
final class ConnectionReserve implements IntConsumer, AutoCloseable {

	private final DataSource dataSource;

	private final ProbePlan plan;

	private final ExecutorService holders;

	private final List<Long> reachNanos = new ArrayList<>();

	private CountDownLatch release = new CountDownLatch(0);

	ConnectionReserve(BenchPool pool, ProbePlan plan) {
		this.dataSource = pool.dataSource();
		this.plan = plan;
		int holders = plan.from() - plan.to();
		this.holders = Executors.newFixedThreadPool(holders, (task) -> {
			Thread thread = new Thread(task, "bench-reserve");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void accept(int phase) {
		this.release.countDown();
		if (!this.plan.probes(phase)) {
			return;
		}
		int count = this.plan.from() - this.plan.to();
		CountDownLatch release = new CountDownLatch(1);
		this.release = release;
		AtomicInteger held = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.holders.execute(() -> hold(release, held, count, start));
		}
	}

	private void hold(CountDownLatch release, AtomicInteger held, int count, long start) {
		try (Connection connection = this.dataSource.getConnection()) {
			if (held.incrementAndGet() == count) {
				synchronized (this.reachNanos) {
					this.reachNanos.add(System.nanoTime() - start);
				}
			}
			release.await();
		}
		catch (SQLException ex) {
			// a borrow that timed out holds nothing: the probe's phase reads it
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return the median time from a probe's start until every connection was held.
	 * @return the milliseconds, {@code NaN} when no probe held them all
	 */
	double medianReachMillis() {
		synchronized (this.reachNanos) {
			return Spread.of(this.reachNanos.stream().map((nanos) -> nanos / 1e6).toList()).median();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.release.countDown();
		this.holders.shutdown();
		this.holders.awaitTermination(10, TimeUnit.SECONDS);
	}

}
