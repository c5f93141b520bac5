package dev.poolstarter.postgres.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * How a pool is used, from HikariCP's metrics callbacks: borrows, time held, timeouts,
 * the connections held past the leak-detection threshold, and, for the pool's log line,
 * the times callers waited to borrow.
 * <p>
 * Each thread that borrows has a record of its own, found through a thread-local: a
 * borrow writes a count and, for the first connection a thread holds, the time from a
 * coarse clock; its return counts the connection given back and the time it was held on
 * the same record. Only the thread itself writes its record, so none of this takes an
 * atomic instruction; a snapshot adds the records up, and keeps what a thread that ended
 * counted. No stack is captured and nothing is scheduled. A sweep, every quarter
 * second on one shared daemon thread, finds the records whose connection has been held
 * past the threshold, reports each once with the thread's name and where it is now, and
 * counts it then, whether or not the connection ever comes back. A connection closed by
 * a thread that did not borrow it is taken off the record of the thread that has held
 * one longest.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PoolUsage {

	private static final Log logger = LogFactory.getLog(PoolUsage.class);

	private final String poolName;

	private final Duration longBorrowThreshold;

	private final long thresholdMillis;

	private final long startNanos = System.nanoTime();

	// what the records of forgotten threads had counted
	private long retiredReleases;

	private long retiredHeldMillis;

	private long retiredQuickBorrows;

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder longBorrows = new LongAdder();

	private final LongAdder leaks = new LongAdder();

	private final List<Consumer<Duration>> longBorrowListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<LongHeld>> leakListeners = new CopyOnWriteArrayList<>();

	private final Map<Thread, Borrower> borrowers = new ConcurrentHashMap<>();

	private final ThreadLocal<Borrower> borrower = ThreadLocal.withInitial(this::register);

	private final @Nullable AcquireTimes acquireTimes;

	private volatile @Nullable Thread housekeeper;

	private final LendingLimit lendingLimit = new LendingLimit();

	/**
	 * Create an instance.
	 * @param poolName the pool's name, for the reports
	 * @param longBorrowThreshold time held after which a borrow is reported and counted as
	 * long (the leak-detection threshold), or zero to report none
	 */
	public PoolUsage(String poolName, Duration longBorrowThreshold) {
		this(poolName, longBorrowThreshold, false);
	}

	/**
	 * Create an instance.
	 * @param poolName the pool's name, for the reports
	 * @param longBorrowThreshold time held after which a borrow is reported and counted as
	 * long (the leak-detection threshold), or zero to report none
	 * @param countAcquireTimes whether to count the times callers wait to borrow, for the
	 * pool's log line
	 */
	public PoolUsage(String poolName, Duration longBorrowThreshold, boolean countAcquireTimes) {
		this.poolName = poolName;
		this.longBorrowThreshold = longBorrowThreshold;
		this.thresholdMillis = longBorrowThreshold.toMillis();
		this.acquireTimes = countAcquireTimes ? new AcquireTimes(this::quickBorrows) : null;
		BorrowSweeper.watch(this);
	}

	/**
	 * Return the usage of a pool, reporting borrows held past its leak-detection
	 * threshold, and counting the times callers wait to borrow when the pool logs its
	 * activity.
	 * @param poolName the pool's name
	 * @param settings the pool's settings
	 * @return the usage
	 */
	public static PoolUsage of(String poolName, ResolvedSettings<PostgresSettings> settings) {
		Duration threshold = settings.value(PostgresSetting.LEAK_DETECTION_THRESHOLD);
		Duration logInterval = settings.value(PostgresSetting.LOG_INTERVAL);
		return new PoolUsage(poolName, (threshold != null) ? threshold : Duration.ZERO,
				logInterval != null && logInterval.compareTo(Duration.ZERO) > 0);
	}

	/**
	 * Leave the calls of a thread that borrows for the pool's own upkeep (the sizing
	 * controller evicting connections) out of the figures.
	 * @param thread the thread, or {@code null} for none
	 */
	public void setHousekeeper(@Nullable Thread thread) {
		this.housekeeper = thread;
	}

	/**
	 * Return whether the current thread borrows for the pool's upkeep.
	 * @return whether its calls stay out of the figures
	 */
	public boolean isHousekeeping() {
		return Thread.currentThread() == this.housekeeper;
	}

	private Borrower register() {
		Borrower record = Borrower.of(Thread.currentThread());
		this.borrowers.put(record.thread, record);
		return record;
	}

	/**
	 * Record that the current thread borrowed a connection, or gave up waiting for one.
	 */
	public void recordBorrow() {
		borrowed();
	}

	/**
	 * Record that the current thread borrowed a connection, or gave up waiting for one,
	 * after waiting for it so long.
	 * @param nanos the wait, in nanoseconds
	 */
	public void recordBorrow(long nanos) {
		Borrower record = borrowed();
		AcquireTimes times = this.acquireTimes;
		if (times != null) {
			// a borrow from an idle connection is counted on the thread's own record
			if (nanos < AcquireTimes.QUICK_NANOS) {
				record.setQuickBorrows(record.quickBorrows + 1);
			}
			else {
				times.record(nanos);
			}
		}
	}

	private Borrower borrowed() {
		Borrower record = this.borrower.get();
		int count = record.count;
		if (count == 0 && this.thresholdMillis > 0) {
			record.setSince(BorrowSweeper.now());
		}
		record.setCount(count + 1);
		return record;
	}

	/**
	 * Record a connection given back after being held for the given time.
	 * @param held how long it was held, in milliseconds
	 */
	public void recordRelease(long held) {
		Borrower record = this.borrower.get();
		boolean reported = giveBack(record);
		record.setReleases(record.releases + 1);
		record.setHeldMillis(record.heldMillis + held);
		this.lendingLimit.released();
		if (this.thresholdMillis > 0 && (held >= this.thresholdMillis || reported)) {
			this.longBorrows.increment();
			Duration duration = Duration.ofMillis(held);
			this.longBorrowListeners.forEach((listener) -> listener.accept(duration));
		}
	}

	/**
	 * Record that the pool dropped the connection the current thread uses as broken: it
	 * closes it at once and reports nothing when the thread gives it back.
	 */
	public void recordBroken() {
		if (!isHousekeeping()) {
			giveBack(this.borrower.get());
			this.lendingLimit.released();
		}
	}

	/**
	 * Return the limit on the connections the pool lends, which the connections given
	 * back and dropped as broken return their permits to.
	 * @return the limit
	 */
	public LendingLimit lendingLimit() {
		return this.lendingLimit;
	}

	/**
	 * Record a caller that gave up waiting for a connection.
	 */
	public void recordTimeout() {
		// HikariCP reports a timed-out borrow as acquired too
		giveBack(this.borrower.get());
		this.timeouts.increment();
	}

	/**
	 * Take a connection off the record of the thread that gives it back.
	 * @return whether it was reported as held past the threshold
	 */
	private boolean giveBack(Borrower own) {
		Borrower record = own;
		int count = record.count;
		if (count == 0) {
			record = longestHolder();
			if (record == null) {
				return false;
			}
			count = record.count();
		}
		record.setCount(Math.max(0, count - 1));
		if (count == 1 && record.reported) {
			record.reported = false;
			logger.info("Pool '" + this.poolName + "': the connection that thread '" + record.thread.getName()
					+ "' held past the leak-detection threshold has come back");
			return true;
		}
		return false;
	}

	/**
	 * Return the record of the thread that has held a connection longest, for a connection
	 * given back by a thread that did not borrow it.
	 */
	private @Nullable Borrower longestHolder() {
		Borrower longest = null;
		for (Borrower candidate : this.borrowers.values()) {
			if (candidate.count() > 0 && (longest == null || candidate.since() < longest.since())) {
				longest = candidate;
			}
		}
		return longest;
	}

	/**
	 * Report and count the connections that crossed the threshold since the last sweep,
	 * and forget the threads that died, once any connection they still held is reported.
	 * @param now the coarse clock, in milliseconds
	 * @return the connections that crossed it
	 */
	List<LongHeld> sweep(long now) {
		List<LongHeld> crossed = new ArrayList<>();
		for (Borrower record : this.borrowers.values()) {
			int count = record.count();
			boolean alive = record.thread.isAlive();
			if (count == 0 || (!alive && (this.thresholdMillis <= 0 || record.reported))) {
				// a thread that died holding a connection is reported once, then forgotten
				if (!alive) {
					retire(record);
				}
				continue;
			}
			long held = now - record.since();
			if (this.thresholdMillis > 0 && held >= this.thresholdMillis && !record.reported) {
				record.reported = true;
				crossed.add(new LongHeld(record.thread, Duration.ofMillis(held), count,
						record.thread.getStackTrace()));
			}
		}
		for (LongHeld held : crossed) {
			this.leaks.increment();
			logger.warn(held.describe(this.poolName, this.longBorrowThreshold));
			this.leakListeners.forEach((listener) -> listener.accept(held));
		}
		return crossed;
	}

	/**
	 * Forget the record of a thread that ended, keeping what it counted.
	 */
	private synchronized void retire(Borrower record) {
		if (this.borrowers.remove(record.thread, record)) {
			this.retiredReleases += record.releases();
			this.retiredHeldMillis += record.heldMillis();
			this.retiredQuickBorrows += record.quickBorrows();
		}
	}

	/**
	 * Return how many threads have a record now.
	 */
	int records() {
		return this.borrowers.size();
	}

	private synchronized long quickBorrows() {
		long quick = this.retiredQuickBorrows;
		for (Borrower record : this.borrowers.values()) {
			quick += record.quickBorrows();
		}
		return quick;
	}

	/**
	 * Return the live threads that hold borrowed connections now.
	 * @return the borrowing threads
	 */
	public List<Thread> borrowingThreads() {
		return this.borrowers.values()
			.stream()
			.filter((record) -> record.count() > 0 && record.thread.isAlive())
			.map((record) -> record.thread)
			.toList();
	}

	/**
	 * Return the connections held past the threshold now.
	 * @return how many threads hold a connection past it
	 */
	public int heldLong() {
		if (this.thresholdMillis <= 0) {
			return 0;
		}
		long now = BorrowSweeper.now();
		return (int) this.borrowers.values()
			.stream()
			.filter((record) -> record.count() > 0 && now - record.since() >= this.thresholdMillis)
			.count();
	}

	/**
	 * Call the listener for every borrow given back after being held past the threshold,
	 * from now on.
	 * @param listener receives how long the connection was held
	 */
	public void onLongBorrow(Consumer<Duration> listener) {
		this.longBorrowListeners.add(listener);
	}

	/**
	 * Call the listener for every borrow that crosses the threshold, from now on.
	 * @param listener receives the thread and how long it has held its connection
	 */
	public void onLeak(Consumer<LongHeld> listener) {
		this.leakListeners.add(listener);
	}

	public Duration getLongBorrowThreshold() {
		return this.longBorrowThreshold;
	}

	/**
	 * Return the times callers waited to borrow.
	 * @return the acquire times, or {@code null} when they are not counted
	 */
	public @Nullable AcquireTimes getAcquireTimes() {
		return this.acquireTimes;
	}

	/**
	 * Return the figures so far.
	 * @return the usage since the pool started
	 */
	public synchronized Snapshot snapshot() {
		long releases = this.retiredReleases;
		long heldMillis = this.retiredHeldMillis;
		for (Borrower record : this.borrowers.values()) {
			releases += record.releases();
			heldMillis += record.heldMillis();
		}
		return new Snapshot(Duration.ofNanos(System.nanoTime() - this.startNanos), releases, heldMillis,
				this.timeouts.sum(), this.longBorrows.sum(), this.leaks.sum());
	}

	/**
	 * Stop reporting for this pool.
	 */
	public void close() {
		BorrowSweeper.forget(this);
	}

	/**
	 * A connection held past the threshold, as the sweep found it.
	 *
	 * @param thread the thread that borrowed it
	 * @param heldFor how long it has held it
	 * @param connections connections the thread holds
	 * @param stack where the thread is now
	 */
	public record LongHeld(Thread thread, Duration heldFor, int connections, StackTraceElement[] stack) {

		String describe(String poolName, Duration threshold) {
			String where = (this.stack.length > 0) ? "; the thread is now at" + Arrays.stream(this.stack)
				.map((frame) -> "\n\tat " + frame)
				.collect(Collectors.joining()) : "; the thread has ended";
			return "Pool '" + poolName + "': thread '" + this.thread.getName() + "' has held "
					+ ((this.connections > 1) ? this.connections + " connections" : "a connection") + " for "
					+ DurationFormat.format(this.heldFor) + ", past the leak-detection threshold of "
					+ DurationFormat.format(threshold) + ", and still holds it" + where;
		}

	}

	/**
	 * The figures of a pool's use since it started.
	 *
	 * @param elapsed time since the pool started
	 * @param releases connections borrowed and given back
	 * @param heldMillis total time they were held
	 * @param timeouts callers that gave up waiting
	 * @param longBorrows borrows given back after being held past the threshold
	 * @param leaks borrows that crossed the threshold, counted when they crossed it
	 */
	public record Snapshot(Duration elapsed, long releases, long heldMillis, long timeouts, long longBorrows,
			long leaks) {

		/**
		 * Return borrows per second (Little's arrival rate).
		 * @return borrows per second
		 */
		public double borrowsPerSecond() {
			double seconds = this.elapsed.toMillis() / 1000.0;
			return (seconds > 0) ? this.releases / seconds : 0;
		}

		/**
		 * Return the mean time a connection is held, in milliseconds.
		 * @return the mean hold time
		 */
		public double meanHeldMillis() {
			return (this.releases > 0) ? (double) this.heldMillis / this.releases : 0;
		}

		/**
		 * Return Little's law: connections busy on average = arrival rate x time held.
		 * @return the mean number of connections in use
		 */
		public double connectionsInUse() {
			return borrowsPerSecond() * meanHeldMillis() / 1000.0;
		}

	}

	/**
	 * Room before a {@link Borrower}'s fields: a superclass's fields are laid out first.
	 */
	@SuppressWarnings("unused")
	private abstract static class LeadingPad {

		// two cache lines and more: the collector copies the records of the threads that
		// borrow side by side, and two threads that write one line on every borrow would
		// pass it between their cores each time (twice the time per borrow at 2 threads)
		private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

	}

	/**
	 * One thread's borrows and what it gave back: written by the thread itself with
	 * release stores (plain stores on most processors: no atomic instruction on the
	 * borrow path), read by the sweep and the snapshots with acquire loads. Padded on both
	 * sides so that no other thread's writes share its cache lines.
	 */
	private abstract static class Borrower extends LeadingPad {

		private static final VarHandle COUNT;

		private static final VarHandle SINCE;

		private static final VarHandle RELEASES;

		private static final VarHandle HELD_MILLIS;

		private static final VarHandle QUICK_BORROWS;

		static {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				COUNT = lookup.findVarHandle(Borrower.class, "count", int.class);
				SINCE = lookup.findVarHandle(Borrower.class, "since", long.class);
				RELEASES = lookup.findVarHandle(Borrower.class, "releases", long.class);
				HELD_MILLIS = lookup.findVarHandle(Borrower.class, "heldMillis", long.class);
				QUICK_BORROWS = lookup.findVarHandle(Borrower.class, "quickBorrows", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private int count;

		private long since;

		private long releases;

		private long heldMillis;

		private long quickBorrows;

		private volatile boolean reported;

		Borrower(Thread thread) {
			this.thread = thread;
		}

		static Borrower of(Thread thread) {
			return new TrailingPad(thread);
		}

		int count() {
			return (int) COUNT.getAcquire(this);
		}

		long since() {
			return (long) SINCE.getAcquire(this);
		}

		void setCount(int count) {
			COUNT.setRelease(this, count);
		}

		long releases() {
			return (long) RELEASES.getAcquire(this);
		}

		long heldMillis() {
			return (long) HELD_MILLIS.getAcquire(this);
		}

		long quickBorrows() {
			return (long) QUICK_BORROWS.getAcquire(this);
		}

		void setSince(long since) {
			SINCE.setRelease(this, since);
		}

		void setReleases(long releases) {
			RELEASES.setRelease(this, releases);
		}

		void setHeldMillis(long heldMillis) {
			HELD_MILLIS.setRelease(this, heldMillis);
		}

		void setQuickBorrows(long quickBorrows) {
			QUICK_BORROWS.setRelease(this, quickBorrows);
		}

	}

	/**
	 * Room after a {@link Borrower}'s fields: a subclass's fields are laid out last.
	 */
	@SuppressWarnings("unused")
	private static final class TrailingPad extends Borrower {

		private long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

		TrailingPad(Thread thread) {
			super(thread);
		}

	}

}
