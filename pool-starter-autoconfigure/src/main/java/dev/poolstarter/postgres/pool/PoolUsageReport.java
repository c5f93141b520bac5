package dev.poolstarter.postgres.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerView;

import org.springframework.context.SmartLifecycle;

/**
 * Logs one INFO line per pool every interval, as key=value pairs that log tools parse:
 * the pool's active, idle, waiting and maximum connections at that moment and, over the
 * interval, borrows per second, the 99th percentile of the time callers waited to borrow,
 * the mean time a connection was held, the timeouts, and a figure of the pool's server
 * from its latest sample. It reads only what HikariCP and each pool's {@link PoolUsage}
 * count, never queries a server, and stops before the pools drain at shutdown.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PoolUsageReport implements SmartLifecycle {

	/**
	 * Just above the PostgreSQL drain ({@code ShutdownPhases.POSTGRES}), so that the lines
	 * stop before the pools stop lending.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 6144 + 1;

	private static final Log logger = LogFactory.getLog(PoolUsageReport.class);

	private final Duration interval;

	private final List<Pool> pools;

	private final List<Mark> marks = new ArrayList<>();

	private final @Nullable PeriodicTask task;

	/**
	 * Create the report of some pools.
	 * @param interval time between two lines of a pool, or zero for none
	 * @param pools the pools, in the order of their lines
	 */
	public PoolUsageReport(Duration interval, List<Pool> pools) {
		this.interval = interval;
		this.pools = List.copyOf(pools);
		this.task = (interval.compareTo(Duration.ZERO) > 0) ? new PeriodicTask("pool-usage-report", (thread) -> {
		}, this::report, logger, () -> "Could not log the pools' usage") : null;
	}

	/**
	 * Return the figure of a server that a monitor samples: its utilization (connections
	 * in use over the usable ones) in the latest sample, or {@code unknown} when the latest
	 * attempt failed or the sample is older than twice the longer of the two intervals.
	 * @param latest the server's latest view, read without querying the server
	 * @param interval the time between two lines
	 * @param sampleInterval the time between two scheduled samples
	 * @param clock the clock
	 * @return the figure, such as {@code server.utilization=23%}
	 */
	public static Supplier<String> serverUtilization(Supplier<ServerView> latest, Duration interval,
			Duration sampleInterval, Clock clock) {
		Duration maxAge = ((interval.compareTo(sampleInterval) > 0) ? interval : sampleInterval).multipliedBy(2);
		return () -> {
			ServerView view = latest.get();
			ServerActivity activity = view.activity();
			Duration age = view.age(clock.instant());
			if (activity == null || view.stale() || age == null || age.compareTo(maxAge) > 0) {
				return "server.utilization=unknown";
			}
			return "server.utilization=" + Math.round(activity.serverUtilization() * 100) + "%";
		};
	}

	/**
	 * Format milliseconds as the lines show them: three decimals below one millisecond,
	 * one above.
	 * @param millis the milliseconds
	 * @return the text, such as {@code 4.1ms}
	 */
	public static String millis(double millis) {
		if (millis == 0) {
			return "0ms";
		}
		return String.format(Locale.ROOT, (millis < 1) ? "%.3fms" : "%.1fms", millis);
	}

	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Log one line per pool, covering the time since the previous line.
	 */
	public void report() {
		lines().forEach(logger::info);
	}

	/**
	 * Return one line per open pool, covering the time since the previous call, and start
	 * the next interval.
	 * @return the lines
	 */
	synchronized List<String> lines() {
		if (this.marks.isEmpty()) {
			mark();
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < this.pools.size(); i++) {
			Pool pool = this.pools.get(i);
			Mark now = Mark.of(pool);
			HikariPoolMXBean bean = pool.dataSource().getHikariPoolMXBean();
			if (bean != null && !pool.dataSource().isClosed()) {
				lines.add(line(pool, bean, this.marks.get(i), now));
			}
			this.marks.set(i, now);
		}
		return lines;
	}

	private synchronized void mark() {
		this.marks.clear();
		this.pools.forEach((pool) -> this.marks.add(Mark.of(pool)));
	}

	private String line(Pool pool, HikariPoolMXBean bean, Mark from, Mark to) {
		double seconds = (to.nanos - from.nanos) / 1e9;
		long releases = to.usage.releases() - from.usage.releases();
		double heldMillis = (releases > 0) ? (double) (to.usage.heldMillis() - from.usage.heldMillis()) / releases
				: 0;
		return "Pool '" + pool.poolName() + "': active=" + bean.getActiveConnections() + " idle="
				+ bean.getIdleConnections() + " waiting=" + LendingLimit.waiting(pool.dataSource(), bean) + " max="
				+ LendingLimit.maximum(pool.dataSource()) + " borrows/s="
				+ String.format(Locale.ROOT, "%.1f", (seconds > 0) ? releases / seconds : 0) + " acquire.p99="
				+ acquireP99(from, to) + " held.mean=" + millis(heldMillis) + " timeouts="
				+ (to.usage.timeouts() - from.usage.timeouts()) + " " + pool.server().get();
	}

	private static String acquireP99(Mark from, Mark to) {
		if (from.acquireTimes == null || to.acquireTimes == null) {
			return "unknown";
		}
		return millis(to.acquireTimes.since(from.acquireTimes).quantile(0.99).toNanos() / 1e6);
	}

	@Override
	public void start() {
		PeriodicTask task = this.task;
		if (task == null || task.isRunning()) {
			return;
		}
		mark();
		task.startAtFixedRate(this.interval);
	}

	@Override
	public void stop() {
		if (this.task != null) {
			this.task.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null && this.task.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Stop for good.
	 */
	public void close() {
		if (this.task != null) {
			this.task.close();
		}
	}

	/**
	 * One pool whose activity is logged.
	 *
	 * @param poolName the pool's name
	 * @param dataSource the pool
	 * @param usage the pool's usage
	 * @param server the figure of the pool's server that ends its line, from its latest
	 * sample, such as {@code server.utilization=23%}
	 */
	public record Pool(String poolName, HikariDataSource dataSource, PoolUsage usage, Supplier<String> server) {

	}

	/**
	 * A pool's counts at the start of an interval.
	 */
	private record Mark(long nanos, PoolUsage.Snapshot usage, AcquireTimes.@Nullable Counts acquireTimes) {

		static Mark of(Pool pool) {
			AcquireTimes times = pool.usage().getAcquireTimes();
			return new Mark(System.nanoTime(), pool.usage().snapshot(), (times != null) ? times.counts() : null);
		}

	}

}
