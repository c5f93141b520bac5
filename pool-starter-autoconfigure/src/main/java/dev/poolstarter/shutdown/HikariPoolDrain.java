package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.DrainableDataSource;
import dev.poolstarter.postgres.pool.PoolUsage;

/**
 * Drains the HikariCP pools: the starter's pools stop lending (new borrows fail at once),
 * then every pool's borrowed connections get what is left of the shutdown to come back,
 * on one deadline. A connection still out then is reported with the current stack of the
 * thread that borrowed it. The pools lend again afterwards, so that destroy callbacks can
 * still use them, and close with their beans; HikariCP's own close is not a drain: it
 * aborts connections still in use.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class HikariPoolDrain extends ShutdownStep {

	private static final Log logger = LogFactory.getLog(HikariPoolDrain.class);

	private final List<HikariDataSource> pools;

	private final Function<HikariDataSource, @Nullable PoolUsage> usages;

	private final @Nullable Duration stepTimeout;

	/**
	 * Create the step.
	 * @param pools the pools
	 * @param usages the usage of a pool, which knows the borrowing threads, or
	 * {@code null} for pools the starter did not build
	 * @param timeline the timeline
	 * @param stepTimeout the step's own limit, or {@code null} for what is left
	 */
	public HikariPoolDrain(List<HikariDataSource> pools, Function<HikariDataSource, @Nullable PoolUsage> usages,
			ShutdownTimeline timeline, @Nullable Duration stepTimeout) {
		super(ShutdownPhases.POSTGRES, timeline);
		this.pools = pools;
		this.usages = usages;
		this.stepTimeout = stepTimeout;
	}

	@Override
	protected void run() {
		List<HikariDataSource> open = this.pools.stream()
			.filter((pool) -> !pool.isClosed() && pool.getHikariPoolMXBean() != null)
			.toList();
		if (open.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		Duration limit = timeline().budget(this.stepTimeout);
		open.forEach((pool) -> {
			if (pool instanceof DrainableDataSource drainable) {
				drainable.stopLending();
			}
		});
		try {
			int[] borrowed = open.stream().mapToInt(HikariPoolDrain::active).toArray();
			logger.info("Draining PostgreSQL pool(s) "
					+ open.stream().map((pool) -> "'" + pool.getPoolName() + "'").toList() + " (" + Arrays.stream(borrowed).sum() + " connection(s) in use, up to " + limit.toMillis() + " ms)");
			boolean drained = Waits.until(() -> open.stream().allMatch((pool) -> active(pool) == 0), limit);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			for (int i = 0; i < open.size(); i++) {
				HikariDataSource pool = open.get(i);
				int stillOut = active(pool);
				if (stillOut > 0) {
					logger.warn("PostgreSQL pool '" + pool.getPoolName() + "': " + stillOut
							+ " connection(s) still in use after " + limit.toMillis()
							+ " ms; closing the pool aborts them. Borrowed by:" + borrowers(pool));
					timeline().record("postgres '" + pool.getPoolName() + "'",
							"gave up on " + stillOut + " connection(s) still in use", took);
				}
				else {
					timeline().record("postgres '" + pool.getPoolName() + "'",
							"drained " + borrowed[i] + " borrowed connection(s)", took);
				}
			}
			if (!drained) {
				logger.debug("Drain ended at its limit");
			}
		}
		finally {
			// destroy callbacks may still need the database; the pools close with their beans
			open.forEach((pool) -> {
				if (pool instanceof DrainableDataSource drainable) {
					drainable.resumeLending();
				}
			});
		}
	}

	private static int active(HikariDataSource pool) {
		HikariPoolMXBean bean = pool.getHikariPoolMXBean();
		return (bean != null) ? bean.getActiveConnections() : 0;
	}

	private String borrowers(HikariDataSource pool) {
		PoolUsage usage = this.usages.apply(pool);
		List<Thread> threads = (usage != null) ? usage.borrowingThreads() : List.of();
		if (threads.isEmpty()) {
			return " (threads unknown)";
		}
		return threads.stream()
			.map((thread) -> "\n  thread '" + thread.getName() + "', now at"
					+ Arrays.stream(thread.getStackTrace()).map((frame) -> "\n    at " + frame).collect(Collectors.joining()))
			.collect(Collectors.joining());
	}

}
