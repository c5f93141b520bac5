package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * How a pool is used, from HikariCP's metrics callbacks: borrows, time held, timeouts,
 * and borrows held past the leak-detection threshold, which HikariCP logs but does not
 * count. The figures feed Little's law for the sizing recommendation.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PoolUsage {

	private final Duration longBorrowThreshold;

	private final long startNanos = System.nanoTime();

	private final LongAdder releases = new LongAdder();

	private final LongAdder heldMillis = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder longBorrows = new LongAdder();

	private final List<Consumer<Duration>> longBorrowListeners = new CopyOnWriteArrayList<>();

	private static final int PURGE_THRESHOLD = 1024;

	private final Map<Thread, AtomicInteger> borrowers = new ConcurrentHashMap<>();

	private volatile int purgeAt = PURGE_THRESHOLD;

	/**
	 * Create an instance.
	 * @param longBorrowThreshold time held after which a borrow counts as long (the
	 * leak-detection threshold), or zero to count none
	 */
	public PoolUsage(Duration longBorrowThreshold) {
		this.longBorrowThreshold = longBorrowThreshold;
	}

	/**
	 * Return the usage of a pool, counting borrows held past its leak-detection threshold.
	 * @param settings the pool's settings
	 * @return the usage
	 */
	public static PoolUsage of(ResolvedSettings<PostgresSettings> settings) {
		Duration threshold = settings.value(PostgresSetting.LEAK_DETECTION_THRESHOLD);
		return new PoolUsage((threshold != null) ? threshold : Duration.ZERO);
	}

	/**
	 * Record that the current thread borrowed a connection, or gave up waiting for one.
	 */
	public void recordBorrow() {
		AtomicInteger count = this.borrowers.get(Thread.currentThread());
		if (count == null) {
			if (this.borrowers.size() >= this.purgeAt) {
				// entries outlive their thread: drop the dead, and scan again only once the map
				// has doubled, so that many live threads (virtual ones) do not scan every time
				this.borrowers.keySet().removeIf((thread) -> !thread.isAlive());
				this.purgeAt = Math.max(PURGE_THRESHOLD, this.borrowers.size() * 2);
			}
			count = this.borrowers.computeIfAbsent(Thread.currentThread(), (thread) -> new AtomicInteger());
		}
		count.incrementAndGet();
	}

	/**
	 * Return the threads that hold borrowed connections now. A connection is counted for
	 * the thread that borrowed it and given back by the thread that closes it, so a
	 * connection closed on another thread blurs the picture.
	 * @return the borrowing threads
	 */
	public List<Thread> borrowingThreads() {
		return this.borrowers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().get() > 0)
			.map(Map.Entry::getKey)
			.toList();
	}

	// A thread's entry stays when its count drops to zero: removing it would make its next
	// borrow allocate and insert again, which is most of this class's cost on the hot path.
	// Entries of threads that died are purged once the map grows.
	private void recordGiveBack() {
		AtomicInteger count = this.borrowers.get(Thread.currentThread());
		if (count != null) {
			count.decrementAndGet();
		}
	}

	/**
	 * Record a connection given back after being held for the given time.
	 * @param held how long it was held, in milliseconds
	 */
	public void recordRelease(long held) {
		recordGiveBack();
		this.releases.increment();
		this.heldMillis.add(held);
		if (!this.longBorrowThreshold.isZero() && held >= this.longBorrowThreshold.toMillis()) {
			this.longBorrows.increment();
			Duration duration = Duration.ofMillis(held);
			this.longBorrowListeners.forEach((listener) -> listener.accept(duration));
		}
	}

	/**
	 * Record a caller that gave up waiting for a connection.
	 */
	public void recordTimeout() {
		// HikariCP reports a timed-out borrow as acquired too
		recordGiveBack();
		this.timeouts.increment();
	}

	/**
	 * Call the listener for every borrow held past the threshold from now on.
	 * @param listener receives how long the connection was held
	 */
	public void onLongBorrow(Consumer<Duration> listener) {
		this.longBorrowListeners.add(listener);
	}

	public Duration getLongBorrowThreshold() {
		return this.longBorrowThreshold;
	}

	/**
	 * Return the figures so far.
	 * @return the usage since the pool started
	 */
	public Snapshot snapshot() {
		return new Snapshot(Duration.ofNanos(System.nanoTime() - this.startNanos), this.releases.sum(),
				this.heldMillis.sum(), this.timeouts.sum(), this.longBorrows.sum());
	}

	/**
	 * The figures of a pool's use since it started.
	 *
	 * @param elapsed time since the pool started
	 * @param releases connections borrowed and given back
	 * @param heldMillis total time they were held
	 * @param timeouts callers that gave up waiting
	 * @param longBorrows borrows held past the threshold
	 */
	public record Snapshot(Duration elapsed, long releases, long heldMillis, long timeouts, long longBorrows) {

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

}
