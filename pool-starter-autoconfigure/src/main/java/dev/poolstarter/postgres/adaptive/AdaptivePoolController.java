package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.DrainableDataSource;
import dev.poolstarter.postgres.pool.LendingLimit;
import dev.poolstarter.postgres.pool.PeriodicTask;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;
import dev.poolstarter.postgres.server.ServerView;
import dev.poolstarter.settings.DurationFormat;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a pool's {@link KneeFinder}: looks at the pool ten times per window (connections
 * in use, threads waiting), closes a window with the connections given back and the
 * timeouts that the pool's {@link PoolUsage} counted and with the server's view (sampled
 * twice a window for the pool's sessions at work there, counting only samples of the
 * window's own time, and only the one taken as it closes when the callers of its second
 * half differ by half from those of its first), and
 * applies each change of size. It reads only what HikariCP and the usage already count,
 * so borrowing and returning a connection cost nothing more.
 * <p>
 * A larger size is HikariCP's new maximum. HikariCP opens connections one at a time with a
 * pause after each, so the controller opens those above the old maximum a few at a time
 * ({@link ConnectionFiller}), raising the maximum with each. A probe of a smaller size
 * keeps the pool's connections open and lends no more than the smaller size ({@link
 * LendingLimit}), so that undoing it opens nothing; once no more are lent, the controller
 * holds the idle connections above it out of the pool ({@link HeldConnections}), so that
 * the callers queue for the smaller size in HikariCP's own queue, not for the limit's
 * permits, whose fairness costs throughput. Once the smaller size is kept, or any other
 * change comes, it becomes HikariCP's maximum and the connections held are closed or given
 * back. A smaller size is the new maximum too, but HikariCP closes nothing when its
 * maximum drops, so the controller marks the connections above it evicted ({@link
 * ConnectionEvictor}): HikariCP closes the idle ones at once and the others as they are
 * given back. The next window starts once the pool has its new size, and after growing
 * once its new connections have worked for a quarter of a window (a server process is slow
 * for its first transactions, which would count against the larger size); after two
 * windows at the latest. A window in which at least as many threads as connections waited
 * at every look closes after a quarter of its length, once it counted enough connections
 * given back to be judged, when the finder would grow the pool to the callers at once
 * ({@link KneeFinder#growsAtOnce}): the first probe of a workload, or callers grown by
 * half; or when the doubling it measures already gained clearly more than its bar ({@link
 * KneeFinder#keepsAtOnce}); and a window in which threads waited at every look closes so
 * when the probe down it measures already lost clearly more than its tolerance ({@link
 * KneeFinder#undoesAtOnce}). The controller stops before the pool drains at shutdown, and
 * skips windows while the pool does not lend.
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

	private static final int LOOKS_PER_WINDOW = 10;

	// a quarter of a window for new connections to warm up before the next window starts
	private static final int WARM_UP_PER_WINDOW = 4;

	// a window in which as many threads as connections waited at every look closes after
	// a quarter of its length when the finder would grow the pool to the callers at once,
	// or keep the doubling under way
	private static final int EARLY_PER_WINDOW = 4;

	private static final Log logger = LogFactory.getLog(AdaptivePoolController.class);

	private final String poolName;

	private final HikariDataSource dataSource;

	private final PoolUsage usage;

	private final ServerActivityMonitor monitor;

	private final @Nullable KneeFinder finder;

	private final @Nullable Integer minIdle;

	private final Clock clock;

	private final List<Consumer<KneeFinder.Step>> listeners = new CopyOnWriteArrayList<>();

	private final @Nullable PeriodicTask task;

	private final @Nullable ConnectionFiller filler;

	private final @Nullable LendingLimit lendingLimit;

	private HeldConnections held = HeldConnections.NONE;

	private volatile KneeFinder.@Nullable Step lastChange;

	private @Nullable Window window;

	private @Nullable Settling settling;

	/**
	 * Create the controller of one pool.
	 * @param poolName the pool's name
	 * @param dataSource the pool
	 * @param usage the pool's usage
	 * @param monitor the monitor of the pool's server
	 * @param finder the decisions, or {@code null} when the pool's size is fixed: the
	 * controller then does nothing
	 * @param minIdle the configured minimum idle connections, or {@code null} for a
	 * fixed-size pool whose minimum idle follows the maximum
	 * @param clock the clock
	 */
	public AdaptivePoolController(String poolName, HikariDataSource dataSource, PoolUsage usage,
			ServerActivityMonitor monitor, @Nullable KneeFinder finder, @Nullable Integer minIdle, Clock clock) {
		this.poolName = poolName;
		this.dataSource = dataSource;
		this.usage = usage;
		this.monitor = monitor;
		this.finder = finder;
		this.minIdle = minIdle;
		this.clock = clock;
		this.task = (finder != null) ? new PeriodicTask("pool-adaptive-" + poolName, usage::setHousekeeper, this::look,
				logger, () -> "Pool '" + poolName + "': adaptive sizing failed to look at the pool") : null;
		this.filler = (finder != null) ? new ConnectionFiller(poolName) : null;
		this.lendingLimit = (finder != null && dataSource instanceof PostgresHikariDataSource starters)
				? starters.getLendingLimit() : null;
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
	 * Call the listener after every step from now on.
	 * @param listener receives the step
	 */
	public void onStep(Consumer<KneeFinder.Step> listener) {
		this.listeners.add(listener);
	}

	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return whether the pool is sized adaptively.
	 * @return whether the controller runs
	 */
	public boolean isActive() {
		return this.finder != null;
	}

	/**
	 * Return the finder.
	 * @return the finder, or {@code null} when the pool's size is fixed
	 */
	public @Nullable KneeFinder getFinder() {
		return this.finder;
	}

	/**
	 * Return the latest change of size that was not a probe starting.
	 * @return the change, or {@code null} when there was none
	 */
	public KneeFinder.@Nullable Step getLastChange() {
		return this.lastChange;
	}

	/**
	 * Look at the pool once: settle a change, or add to the window and close it when it
	 * is over.
	 */
	public synchronized void look() {
		KneeFinder finder = this.finder;
		HikariPool pool = pool();
		if (finder == null || pool == null) {
			this.window = null;
			return;
		}
		long now = System.nanoTime();
		Settling settling = this.settling;
		if (settling != null) {
			if (!settling.settle(pool, now)) {
				return;
			}
			this.settling = null;
			this.window = null;
			if (settling.timedOut) {
				String reason = "the pool could not " + (settling.lent ? "get back" : "close")
						+ " its connections above " + settling.to + " within "
						+ DurationFormat.format(Duration.ofNanos(settleTime(finder.policy().interval())));
				List<KneeFinder.Step> abandoned = finder.abandon(this.clock.instant(), reason);
				if (abandoned.isEmpty() && settling.lent) {
					closeAboveLimit(now, finder.policy().interval());
				}
				else if (abandoned.isEmpty()) {
					// a share of the fleet budget is not a probe: keep closing until the pool fits
					this.settling = new Settling(settling.to, true, now + settleTime(finder.policy().interval()));
				}
				report(finder, abandoned, now);
				return;
			}
		}
		holdAside(pool);
		Window window = this.window;
		if (window == null) {
			this.window = new Window(now, this.clock.instant(), this.usage.snapshot());
			return;
		}
		window.look(pool.getActiveConnections(), LendingLimit.waiting(this.dataSource, pool));
		if (window.looks == LOOKS_PER_WINDOW / 2) {
			// a second look at the server's sessions: one sample of who is at work there can
			// catch them all waiting for a client that stalled
			window.sample(this.monitor.current(finder.policy().interval().dividedBy(4)));
		}
		long length = finder.policy().interval().toNanos();
		long elapsed = now - window.startNanos;
		if (elapsed >= length || (elapsed >= length / EARLY_PER_WINDOW && closesEarly(finder, window, elapsed))) {
			this.window = null;
			close(finder, pool, window, now);
		}
	}

	/**
	 * Return whether a window may close before its end: one that threads crowd when it
	 * would start a probe up to the callers, or when the doubling under way already gained
	 * clearly more than its bar; one in which threads waited at every look when the probe
	 * down under way already lost clearly more than its tolerance.
	 */
	private boolean closesEarly(KneeFinder finder, Window window, long elapsed) {
		if (!window.waitedAtEveryLook()) {
			return false;
		}
		long releases = window.releases(this.usage.snapshot());
		if (releases < KneeFinder.MIN_RELEASES) {
			return false;
		}
		KneeFinder.Measure soFar = window.soFar(elapsed, releases);
		if (window.crowded(finder.limit())
				&& (finder.growsAtOnce(this.clock.instant(), window.callers()) || finder.keepsAtOnce(soFar))) {
			return true;
		}
		return finder.undoesAtOnce(soFar);
	}

	private @Nullable HikariPool pool() {
		if (this.dataSource.isClosed()
				|| (this.dataSource instanceof DrainableDataSource drainable && !drainable.isLending())) {
			return null;
		}
		return (this.dataSource.getHikariPoolMXBean() instanceof HikariPool pool) ? pool : null;
	}

	private void close(KneeFinder finder, HikariPool pool, Window window, long now) {
		PoolUsage.Snapshot usage = this.usage.snapshot();
		// samples of the window's own time, and of its callers: one from before the window, or
		// from before its callers changed, shows another workload's sessions at work
		Duration age = Duration.ofNanos(now - window.startNanos);
		Duration half = finder.policy().interval().dividedBy(2);
		boolean changed = window.callersChanged();
		ServerView view = this.monitor.current(changed ? Duration.ZERO : (age.compareTo(half) < 0) ? age : half);
		ServerActivity activity = view.activity();
		if (changed) {
			window.forgetSamples();
		}
		window.sample(view);
		KneeFinder.Fleet fleet = (activity != null && !view.stale()) ? KneeFinder.Fleet.of(activity, window.workShare())
				: null;
		report(finder, finder.decide(window.close(this.clock, now, usage, fleet)), now);
	}

	private void report(KneeFinder finder, List<KneeFinder.Step> steps, long now) {
		KneeFinder.Step change = null;
		for (KneeFinder.Step step : steps) {
			if (step.cause() == KneeFinder.Cause.PROBE) {
				if (logger.isDebugEnabled()) {
					logger.debug(step.describe(this.poolName));
				}
			}
			else {
				this.lastChange = step;
				logger.info(step.describe(this.poolName));
			}
			if (step.isChange()) {
				change = step;
			}
			else if (step.cause() == KneeFinder.Cause.KEPT && step.to() < step.from()) {
				// a smaller size kept: close the connections the probe kept open
				closeAboveLimit(now, finder.policy().interval());
			}
			this.listeners.forEach((listener) -> listener.accept(step));
		}
		if (change != null) {
			apply(change, now, finder.policy().interval());
		}
	}

	/**
	 * Resize through HikariCP's config bean and wait for the pool to follow; a probe down
	 * limits the connections lent instead, where the pool can.
	 */
	private void apply(KneeFinder.Step change, long now, Duration interval) {
		int to = change.to();
		HikariConfigMXBean config = this.dataSource.getHikariConfigMXBean();
		LendingLimit limit = this.lendingLimit;
		HikariPool pool = pool();
		if (limit != null && pool != null && change.cause() == KneeFinder.Cause.PROBE && to < change.from()) {
			if (this.filler != null) {
				this.filler.cancel();
			}
			// the threads waiting in HikariCP's queue get their connections without a permit
			limit.limit(to, pool.getActiveConnections() + pool.getThreadsAwaitingConnection());
			this.settling = new Settling(to, now + settleTime(interval));
			return;
		}
		if (limit != null && limit.isActive() && to <= config.getMaximumPoolSize()) {
			// back to the size the probe kept open, or a size between: nothing to open
			int open = config.getMaximumPoolSize();
			closeAbove(to);
			this.settling = new Settling(to, to < open, now + settleTime(interval));
			return;
		}
		if (limit != null) {
			limit.lift();
		}
		int minIdle = minIdleFor(to, this.minIdle);
		ConnectionFiller filler = this.filler;
		if (to > config.getMaximumPoolSize()) {
			if (filler == null || pool == null || !filler.grow(pool, config, to, minIdle)) {
				config.setMaximumPoolSize(to);
				config.setMinimumIdle(minIdle);
			}
		}
		else {
			if (filler != null) {
				filler.cancel();
			}
			config.setMinimumIdle(minIdle);
			config.setMaximumPoolSize(to);
		}
		this.settling = new Settling(to, to < change.from(), now + settleTime(interval),
				interval.toNanos() / WARM_UP_PER_WINDOW);
	}

	/**
	 * Once a probe down lends no more than its size, hold the idle connections above it
	 * out of the pool, so that the callers queue in HikariCP's own queue for the smaller
	 * size; until they can be held, the lending limit's permits go on.
	 */
	private void holdAside(HikariPool pool) {
		LendingLimit limit = this.lendingLimit;
		if (limit != null && limit.isActive() && !limit.isHeldAside()) {
			this.held = HeldConnections.holdAside(pool, limit);
		}
	}

	/**
	 * Make the lending limit HikariCP's maximum and close the connections above it, while
	 * the limit still holds them idle; then lift it. Where the evictor cannot reach
	 * HikariCP's eviction, the pool closes them as it settles.
	 */
	private void closeAboveLimit(long now, Duration interval) {
		LendingLimit limit = this.lendingLimit;
		if (limit != null && limit.isActive()) {
			int to = limit.limit();
			if (!closeAbove(to)) {
				this.settling = new Settling(to, true, now + settleTime(interval));
			}
		}
	}

	/**
	 * Make a size HikariCP's maximum, close the connections held aside above it, mark the
	 * others above it evicted, idle ones first, and lift the lending limit: the connections
	 * still held go back to the pool.
	 * @return whether the evictor marked them
	 */
	private boolean closeAbove(int to) {
		HikariConfigMXBean config = this.dataSource.getHikariConfigMXBean();
		config.setMinimumIdle(minIdleFor(to, this.minIdle));
		config.setMaximumPoolSize(to);
		HikariPool pool = pool();
		if (pool != null) {
			this.held.close(pool.getTotalConnections() - to);
		}
		this.held = HeldConnections.NONE;
		boolean evicted = pool != null && ConnectionEvictor.evictAbove(pool, to);
		if (this.lendingLimit != null) {
			this.lendingLimit.lift();
		}
		return evicted;
	}

	/**
	 * Return how long a change may take: two windows, and no less than a second.
	 */
	private static long settleTime(Duration interval) {
		return Math.max(2 * interval.toNanos(), TimeUnit.SECONDS.toNanos(1));
	}

	@Override
	public void start() {
		KneeFinder finder = this.finder;
		PeriodicTask task = this.task;
		if (finder == null || task == null) {
			return;
		}
		task.startWithFixedDelay(finder.policy().interval().dividedBy(LOOKS_PER_WINDOW));
	}

	@Override
	public void stop() {
		if (this.task != null) {
			this.task.stop();
		}
		if (this.filler != null) {
			this.filler.cancel();
		}
		synchronized (this) {
			// a probe down that was running: its size is the finder's, and so the pool's
			if (this.lendingLimit != null && this.lendingLimit.isActive()) {
				closeAbove(this.lendingLimit.limit());
			}
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
		this.usage.setHousekeeper(null);
	}

	/**
	 * The looks of one window so far.
	 */
	private static final class Window {

		private final long startNanos;

		private final Instant startedAt;

		private final PoolUsage.Snapshot start;

		private int looks;

		private long inUse;

		private long waiting;

		private int peakInUse;

		private int peakWaiting;

		private int leastWaiting = Integer.MAX_VALUE;

		private long earlyCallers;

		private int earlyLooks;

		private long lateCallers;

		private int lateLooks;

		private @Nullable Instant sampledAt;

		private int atWork;

		private int inTransaction;

		Window(long startNanos, Instant startedAt, PoolUsage.Snapshot start) {
			this.startNanos = startNanos;
			this.startedAt = startedAt;
			this.start = start;
		}

		void look(int inUse, int waiting) {
			this.looks++;
			this.inUse += inUse;
			this.waiting += waiting;
			this.peakInUse = Math.max(this.peakInUse, inUse);
			this.peakWaiting = Math.max(this.peakWaiting, waiting);
			this.leastWaiting = Math.min(this.leastWaiting, waiting);
			if (this.looks <= LOOKS_PER_WINDOW / 2) {
				this.earlyCallers += inUse + waiting;
				this.earlyLooks++;
			}
			else {
				this.lateCallers += inUse + waiting;
				this.lateLooks++;
			}
		}

		/**
		 * Return whether the callers of the window's second half differ by half from those
		 * of its first, up to the look that samples the server mid-window: the window then
		 * spans a change of workload, and that sample shows the workload before.
		 */
		boolean callersChanged() {
			return this.earlyLooks > 0 && this.lateLooks > 0 && KneeFinder.isJump(
					(double) this.lateCallers / this.lateLooks, (double) this.earlyCallers / this.earlyLooks);
		}

		void forgetSamples() {
			this.sampledAt = null;
			this.atWork = 0;
			this.inTransaction = 0;
		}

		/**
		 * Count the pool's sessions at work on the server and in a transaction, once for
		 * each sample taken since the window started (the workload before it may differ).
		 */
		void sample(ServerView view) {
			ServerActivity activity = view.activity();
			if (view.stale() || activity == null || activity.applicationAtWork() < 0
					|| activity.sampledAt().equals(this.sampledAt) || activity.sampledAt().isBefore(this.startedAt)) {
				return;
			}
			this.sampledAt = activity.sampledAt();
			this.atWork += activity.applicationAtWork();
			this.inTransaction += activity.applicationInTransaction();
		}

		double workShare() {
			return ServerActivity.workShare((this.sampledAt != null) ? this.atWork : -1, this.inTransaction);
		}

		/**
		 * Return whether at least as many threads as the pool has connections waited at
		 * every look, two at least.
		 */
		boolean crowded(int limit) {
			return this.looks >= 2 && this.leastWaiting >= limit;
		}

		/**
		 * Return whether threads waited at every look, two at least.
		 */
		boolean waitedAtEveryLook() {
			return this.looks >= 2 && this.leastWaiting > 0;
		}

		long releases(PoolUsage.Snapshot now) {
			return now.releases() - this.start.releases();
		}

		double callers() {
			return (this.looks > 0) ? (double) (this.inUse + this.waiting) / this.looks : 0;
		}

		KneeFinder.Measure soFar(long elapsedNanos, long releases) {
			double seconds = elapsedNanos / 1e9;
			int looks = Math.max(1, this.looks);
			return new KneeFinder.Measure(releases, seconds, seconds * this.inUse / looks,
					seconds * this.waiting / looks);
		}

		KneeFinder.Window close(Clock clock, long now, PoolUsage.Snapshot end, KneeFinder.@Nullable Fleet fleet) {
			int looks = Math.max(1, this.looks);
			return new KneeFinder.Window(clock.instant(), Duration.ofNanos(now - this.startNanos),
					end.releases() - this.start.releases(), (double) this.inUse / looks, this.peakInUse,
					(double) this.waiting / looks, this.peakWaiting, end.timeouts() - this.start.timeouts(), fleet);
		}

	}

	/**
	 * A change of size on its way: the pool has grown when it holds the new size or
	 * nobody waits; it has shrunk when the connections above the new size are closed; a
	 * probe down has settled when no more than its size are lent.
	 */
	private final class Settling {

		private final int to;

		private final boolean shrink;

		// a probe down that limits the connections lent: it has settled once they are no more
		private final boolean lent;

		private final long deadline;

		private final long warmUpNanos;

		private long grownAt;

		private boolean grown;

		private boolean timedOut;

		Settling(int to, boolean shrink, long deadline) {
			this(to, shrink, false, deadline, 0);
		}

		Settling(int to, boolean shrink, long deadline, long warmUpNanos) {
			this(to, shrink, false, deadline, warmUpNanos);
		}

		Settling(int to, long deadline) {
			this(to, true, true, deadline, 0);
		}

		private Settling(int to, boolean shrink, boolean lent, long deadline, long warmUpNanos) {
			this.to = to;
			this.shrink = shrink;
			this.lent = lent;
			this.deadline = deadline;
			this.warmUpNanos = warmUpNanos;
		}

		/**
		 * Return whether the pool has followed, or has had its time to.
		 */
		boolean settle(HikariPool pool, long now) {
			if (this.lent) {
				this.timedOut = now - this.deadline >= 0 && pool.getActiveConnections() > this.to;
				return this.timedOut || pool.getActiveConnections() <= this.to;
			}
			if (now - this.deadline >= 0) {
				this.timedOut = pool.getTotalConnections() > this.to;
				return true;
			}
			if (pool.getTotalConnections() > this.to) {
				if (ConnectionEvictor.evictAbove(pool, this.to)) {
					// idle ones are closed now, the others as they are given back
					return pool.getTotalConnections() <= this.to;
				}
				while (pool.getTotalConnections() > this.to) {
					long left = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
					if (left <= 0 || !closeOne(pool, left)) {
						return false;
					}
				}
			}
			if (this.shrink) {
				return true;
			}
			if (pool.getTotalConnections() < this.to && pool.getThreadsAwaitingConnection() > 0) {
				return false;
			}
			// a server process is slow for its first transactions (caches, prepared
			// statements): the window starts once the new connections have run a few
			if (!this.grown) {
				this.grown = true;
				this.grownAt = now;
			}
			return now - this.grownAt >= this.warmUpNanos;
		}

		/**
		 * Take one connection as it comes free and close it, where the evictor cannot reach
		 * HikariCP's eviction. The borrow waits behind the threads already waiting, until
		 * the deadline at the latest.
		 */
		private boolean closeOne(HikariPool pool, long timeoutMillis) {
			try {
				Connection connection = pool.getConnection(timeoutMillis);
				pool.evictConnection(connection);
				connection.close();
				return true;
			}
			catch (SQLException ex) {
				// nothing came free in time
				return false;
			}
		}

	}

}
