package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.jdbc.PoolUsage;

/**
 * Drains a HikariCP pool: stops lending (suspend), waits for borrowed connections to come
 * back for what is left of the shutdown, then closes. HikariCP's own close is not a drain:
 * it aborts connections still in use. A connection still out at the deadline is reported
 * with the stack of the thread that borrowed it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class HikariPoolDrain extends ShutdownStep {

	private static final Log logger = LogFactory.getLog(HikariPoolDrain.class);

	private final HikariDataSource pool;

	private final PoolUsage usage;

	private final ShutdownTimeline timeline;

	private final @Nullable Duration stepTimeout;

	/**
	 * Create the step for one pool.
	 * @param pool the pool
	 * @param usage the pool's usage, which knows the borrowing threads
	 * @param timeline the timeline
	 * @param stepTimeout the step's own limit, or {@code null} for what is left
	 */
	public HikariPoolDrain(HikariDataSource pool, PoolUsage usage, ShutdownTimeline timeline,
			@Nullable Duration stepTimeout) {
		super(ShutdownPhases.POSTGRES);
		this.pool = pool;
		this.usage = usage;
		this.timeline = timeline;
		this.stepTimeout = stepTimeout;
	}

	@Override
	protected void run() {
		long start = System.nanoTime();
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		if (bean == null || this.pool.isClosed()) {
			this.timeline.record(step(), "not started", Duration.ZERO);
			return;
		}
		Duration limit = this.timeline.budget(this.stepTimeout);
		logger.info("Draining PostgreSQL pool '" + this.pool.getPoolName() + "' (" + bean.getActiveConnections()
				+ " in use, up to " + limit.toMillis() + " ms)");
		bean.suspendPool();
		int borrowed = bean.getActiveConnections();
		boolean drained = Waits.until(() -> bean.getActiveConnections() == 0, limit);
		int stillOut = bean.getActiveConnections();
		if (!drained) {
			logger.warn("PostgreSQL pool '" + this.pool.getPoolName() + "': " + stillOut
					+ " connection(s) still in use after " + limit.toMillis() + " ms; closing aborts them. Borrowed by:"
					+ borrowers());
		}
		this.pool.close();
		this.timeline.record(step(), drained ? "drained " + borrowed + " borrowed connection(s), closed"
				: "abandoned " + stillOut + " connection(s) still in use, closed", Duration.ofNanos(System.nanoTime() - start));
	}

	private String step() {
		return "postgres '" + this.pool.getPoolName() + "'";
	}

	private String borrowers() {
		List<Thread> threads = this.usage.borrowingThreads();
		if (threads.isEmpty()) {
			return " (threads unknown)";
		}
		return threads.stream()
			.map((thread) -> "\n  thread '" + thread.getName() + "'"
					+ Arrays.stream(thread.getStackTrace()).map((frame) -> "\n    at " + frame).collect(Collectors.joining()))
			.collect(Collectors.joining());
	}

}
