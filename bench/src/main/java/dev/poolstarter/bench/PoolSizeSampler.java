package dev.poolstarter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.poolstarter.postgres.pool.LendingLimit;

/**
 * Reads a HikariCP pool's MXBeans every {@link #INTERVAL} on a thread of its own: the
 * maximum pool size a sizing controller sets (the starter's lending limit where one
 * holds, as it does while adaptive sizing tries a smaller size), the connections held,
 * borrowed and waited for. A pool that is not a {@link HikariDataSource}, or not started
 * yet, is not read.
 *
 * @author pool-starter
 */
final class PoolSizeSampler implements AutoCloseable {

	static final Duration INTERVAL = Duration.ofMillis(250);

	private final DataSource dataSource;

	private final long origin;

	private final List<SizeSample> samples = new ArrayList<>();

	private final Thread thread;

	/**
	 * Start sampling.
	 * @param dataSource the pool
	 * @param origin the {@link System#nanoTime()} that the samples' seconds count from
	 * @param name the sampling thread's name
	 */
	PoolSizeSampler(DataSource dataSource, long origin, String name) {
		this.dataSource = dataSource;
		this.origin = origin;
		this.thread = new Thread(this::loop, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void loop() {
		long next = this.origin;
		while (!Thread.currentThread().isInterrupted()) {
			sample();
			next += INTERVAL.toNanos();
			long left = next - System.nanoTime();
			if (left > 0) {
				try {
					Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private void sample() {
		if (!(this.dataSource instanceof HikariDataSource hikari) || hikari.isClosed()) {
			return;
		}
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		if (pool == null) {
			return;
		}
		SizeSample sample = new SizeSample((System.nanoTime() - this.origin) / 1e9, size(hikari),
				pool.getTotalConnections(), pool.getActiveConnections(),
				waiting(hikari, pool));
		synchronized (this.samples) {
			this.samples.add(sample);
		}
	}

	/**
	 * Return the size the pool lends up to: its lending limit where one holds, else its
	 * maximum.
	 * @param hikari the pool
	 * @return the size
	 */
	static int size(HikariDataSource hikari) {
		try {
			return LendingLimit.maximum(hikari);
		}
		catch (LinkageError ex) {
			// a starter from before the lending limit, run for comparison
			return hikari.getHikariConfigMXBean().getMaximumPoolSize();
		}
	}

	private static int waiting(HikariDataSource hikari, HikariPoolMXBean pool) {
		try {
			return LendingLimit.waiting(hikari, pool);
		}
		catch (LinkageError ex) {
			return pool.getThreadsAwaitingConnection();
		}
	}

	List<SizeSample> samples() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	@Override
	public void close() {
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(2).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
