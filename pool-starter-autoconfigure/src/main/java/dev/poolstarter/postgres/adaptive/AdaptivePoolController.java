package dev.poolstarter.postgres.adaptive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.DrainableDataSource;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.server.ServerView;

import org.springframework.context.SmartLifecycle;

/**
 * Resizes a running HikariCP pool on a schedule, as its {@link AdaptiveSizer} decides
 * from HikariCP's counters, the pool's {@link PoolUsage} and the server's view. It reads
 * only what HikariCP and the usage already count, so borrowing and returning a
 * connection cost nothing more. It stops before the pools drain at shutdown and skips
 * samples while a pool does not lend.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class AdaptivePoolController implements SmartLifecycle {

	/**
	 * Just above the PostgreSQL drain ({@code ShutdownPhases.POSTGRES}), so that no resize
	 * runs while the pool drains.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 6144 + 1;

	private static final Log logger = LogFactory.getLog(AdaptivePoolController.class);

	private final String poolName;

	private final HikariDataSource dataSource;

	private final PoolUsage usage;

	private final ServerActivityMonitor monitor;

	private final AdaptiveSizer sizer;

	private final @Nullable Integer minIdle;

	private final Clock clock;

	private final List<Consumer<AdaptiveSizer.Resize>> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService executor;

	private volatile @Nullable ScheduledFuture<?> schedule;

	private volatile AdaptiveSizer.@Nullable Resize lastResize;

	private PoolUsage.@Nullable Snapshot previous;

	/**
	 * Create the controller of one pool.
	 * @param poolName the pool's name
	 * @param dataSource the pool
	 * @param usage the pool's usage
	 * @param monitor the monitor of the pool's server
	 * @param sizer the decisions
	 * @param minIdle the configured minimum idle connections, or {@code null} for a
	 * fixed-size pool whose minimum idle follows the maximum
	 * @param clock the clock
	 */
	public AdaptivePoolController(String poolName, HikariDataSource dataSource, PoolUsage usage,
			ServerActivityMonitor monitor, AdaptiveSizer sizer, @Nullable Integer minIdle, Clock clock) {
		this.poolName = poolName;
		this.dataSource = dataSource;
		this.usage = usage;
		this.monitor = monitor;
		this.sizer = sizer;
		this.minIdle = minIdle;
		this.clock = clock;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pool-adaptive-" + poolName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Return the minimum idle connections for a maximum pool size.
	 * @param size the maximum pool size
	 * @param minIdle the configured minimum idle, or {@code null} for a fixed-size pool
	 * @return the minimum idle connections
	 */
	public static int minIdleFor(int size, @Nullable Integer minIdle) {
		return (minIdle != null) ? Math.min(minIdle, size) : size;
	}

	/**
	 * Call the listener after every change from now on.
	 * @param listener receives the change
	 */
	public void onResize(Consumer<AdaptiveSizer.Resize> listener) {
		this.listeners.add(listener);
	}

	public String getPoolName() {
		return this.poolName;
	}

	public AdaptiveSizer getSizer() {
		return this.sizer;
	}

	/**
	 * Return the latest change.
	 * @return the change, or {@code null} when the size never changed
	 */
	public AdaptiveSizer.@Nullable Resize getLastResize() {
		return this.lastResize;
	}

	/**
	 * Take one sample and apply the decision.
	 */
	public void sample() {
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		if (pool == null || this.dataSource.isClosed()
				|| (this.dataSource instanceof DrainableDataSource drainable && !drainable.isLending())) {
			return;
		}
		AdaptiveSizer.Resize resize = this.sizer.decide(read(pool));
		if (resize != null) {
			apply(pool, resize);
			this.lastResize = resize;
			logger.info(Character.toUpperCase(resize.describe(this.poolName).charAt(0))
					+ resize.describe(this.poolName).substring(1));
			this.listeners.forEach((listener) -> listener.accept(resize));
		}
	}

	private AdaptiveSizer.Sample read(HikariPoolMXBean pool) {
		PoolUsage.Snapshot now = this.usage.snapshot();
		PoolUsage.Snapshot before = this.previous;
		this.previous = now;
		long timeouts = (before != null) ? now.timeouts() - before.timeouts() : 0;
		long elapsed = (before != null) ? now.elapsed().minus(before.elapsed()).toMillis() : 0;
		double busy = (elapsed > 0) ? (double) (now.heldMillis() - before.heldMillis()) / elapsed : 0;
		Duration maxAge = this.sizer.policy().interval().dividedBy(2);
		ServerView view = this.monitor.current(maxAge);
		ServerActivity activity = view.activity();
		Instant at = this.clock.instant();
		boolean fresh = activity != null && !view.stale();
		return new AdaptiveSizer.Sample(at, pool.getThreadsAwaitingConnection(), pool.getActiveConnections(), timeouts,
				busy, fresh ? AdaptiveSizer.Fleet.of(activity) : null);
	}

	/**
	 * Resize through HikariCP's config bean. Lowering the maximum closes nothing by
	 * itself, so the pool's connections are evicted: idle ones close at once, borrowed
	 * ones when they come back, and the pool refills up to its new size.
	 */
	private void apply(HikariPoolMXBean pool, AdaptiveSizer.Resize resize) {
		HikariConfigMXBean config = this.dataSource.getHikariConfigMXBean();
		int minIdle = minIdleFor(resize.to(), this.minIdle);
		if (resize.to() > resize.from()) {
			config.setMaximumPoolSize(resize.to());
			config.setMinimumIdle(minIdle);
			return;
		}
		config.setMinimumIdle(minIdle);
		config.setMaximumPoolSize(resize.to());
		if (pool.getTotalConnections() > resize.to()) {
			pool.softEvictConnections();
		}
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// an escaping exception would cancel the schedule
			logger.warn("Pool '" + this.poolName + "': adaptive sizing sample failed", ex);
		}
	}

	@Override
	public void start() {
		long interval = this.sizer.policy().interval().toMillis();
		this.schedule = this.executor.scheduleWithFixedDelay(this::sampleQuietly, interval, interval,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.schedule;
		if (running != null) {
			running.cancel(false);
			this.schedule = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Stop sampling for good.
	 */
	public void close() {
		stop();
		this.executor.shutdownNow();
	}

}
