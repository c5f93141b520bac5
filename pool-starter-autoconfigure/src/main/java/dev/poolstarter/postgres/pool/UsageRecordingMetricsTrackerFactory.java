package dev.poolstarter.postgres.pool;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import org.jspecify.annotations.Nullable;

/**
 * A HikariCP {@link MetricsTrackerFactory} that records {@link PoolUsage} and passes
 * every callback on to another factory's tracker, such as Micrometer's. The borrows of
 * the pool's own upkeep (the sizing controller taking connections to close them) reach
 * neither.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class UsageRecordingMetricsTrackerFactory implements MetricsTrackerFactory {

	private final PoolUsage usage;

	private final @Nullable MetricsTrackerFactory delegate;

	private volatile @Nullable IMetricsTracker tracker;

	/**
	 * Create an instance.
	 * @param usage where to record
	 * @param delegate the factory whose trackers also receive every callback, or
	 * {@code null}
	 */
	public UsageRecordingMetricsTrackerFactory(PoolUsage usage, @Nullable MetricsTrackerFactory delegate) {
		this.usage = usage;
		this.delegate = delegate;
	}

	/**
	 * Return the usage this factory records.
	 * @return the usage
	 */
	public PoolUsage usage() {
		return this.usage;
	}

	@Override
	public IMetricsTracker create(String poolName, PoolStats poolStats) {
		IMetricsTracker next = (this.delegate != null) ? this.delegate.create(poolName, poolStats)
				: new IMetricsTracker() {
				};
		Tracker tracker = new Tracker(this.usage, next);
		this.tracker = tracker;
		return tracker;
	}

	/**
	 * Record a borrow that gave up waiting before it reached HikariCP (for a permit of the
	 * pool's {@link LendingLimit}) as HikariCP records one that timed out: acquired after
	 * its wait, and timed out.
	 * @param waitedNanos how long it waited
	 */
	void recordTimeout(long waitedNanos) {
		IMetricsTracker tracker = this.tracker;
		if (tracker != null) {
			tracker.recordConnectionAcquiredNanos(waitedNanos);
			tracker.recordConnectionTimeout();
		}
	}

	private record Tracker(PoolUsage usage, IMetricsTracker next) implements IMetricsTracker {

		@Override
		public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
			this.next.recordConnectionCreatedMillis(connectionCreatedMillis);
		}

		@Override
		public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
			if (this.usage.isHousekeeping()) {
				return;
			}
			this.usage.recordBorrow(elapsedAcquiredNanos);
			this.next.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
		}

		@Override
		public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
			if (this.usage.isHousekeeping()) {
				return;
			}
			this.usage.recordRelease(elapsedBorrowedMillis);
			this.next.recordConnectionUsageMillis(elapsedBorrowedMillis);
		}

		@Override
		public void recordConnectionTimeout() {
			if (this.usage.isHousekeeping()) {
				return;
			}
			this.usage.recordTimeout();
			this.next.recordConnectionTimeout();
		}

		@Override
		public void close() {
			this.next.close();
		}

	}

}
