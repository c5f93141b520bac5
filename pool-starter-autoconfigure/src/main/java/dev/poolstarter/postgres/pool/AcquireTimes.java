package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The times callers waited to borrow a connection, counted since the pool started in
 * buckets an eighth of a power of two wide (under 1 µs, then 1 µs up to about 137 s), so
 * that a percentile of any interval comes from the difference of two {@link Counts},
 * within 6.25 %. Recording one time costs an increment of one {@link LongAdder}: no lock,
 * no clock, no allocation. The borrows under a microsecond, from an idle connection, are
 * most of them: the pool counts those on each thread's own record and the first bucket
 * adds them when it is read.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class AcquireTimes {

	private static final int SUB_BUCKET_BITS = 3;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	private static final int MIN_EXPONENT = 10;

	private static final int MAX_EXPONENT = 36;

	static final int BUCKETS = 1 + (MAX_EXPONENT - MIN_EXPONENT + 1) * SUB_BUCKETS;

	/**
	 * Waits below this many nanoseconds all fall in the first bucket.
	 */
	static final long QUICK_NANOS = 1L << MIN_EXPONENT;

	private final LongAdder[] buckets = new LongAdder[BUCKETS];

	private final LongSupplier quickWaits;

	/**
	 * Create empty counts.
	 */
	public AcquireTimes() {
		this(() -> 0);
	}

	/**
	 * Create empty counts whose first bucket also holds the waits under
	 * {@link #QUICK_NANOS} counted elsewhere.
	 * @param quickWaits the waits under a microsecond counted elsewhere, so far
	 */
	AcquireTimes(LongSupplier quickWaits) {
		this.quickWaits = quickWaits;
		for (int i = 0; i < BUCKETS; i++) {
			this.buckets[i] = new LongAdder();
		}
	}

	/**
	 * Count one wait.
	 * @param nanos how long the caller waited, in nanoseconds
	 */
	public void record(long nanos) {
		this.buckets[bucket(nanos)].increment();
	}

	/**
	 * Return the counts so far.
	 * @return the counts since the pool started
	 */
	public Counts counts() {
		long[] counts = new long[BUCKETS];
		for (int i = 0; i < BUCKETS; i++) {
			counts[i] = this.buckets[i].sum();
		}
		counts[0] += this.quickWaits.getAsLong();
		return new Counts(counts);
	}

	static int bucket(long nanos) {
		if (nanos < (1L << MIN_EXPONENT)) {
			return 0;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(nanos);
		if (exponent > MAX_EXPONENT) {
			return BUCKETS - 1;
		}
		int subBucket = (int) (nanos >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
		return 1 + (exponent - MIN_EXPONENT) * SUB_BUCKETS + subBucket;
	}

	static long lowerBound(int bucket) {
		if (bucket == 0) {
			return 0;
		}
		int exponent = MIN_EXPONENT + (bucket - 1) / SUB_BUCKETS;
		return (long) (SUB_BUCKETS + (bucket - 1) % SUB_BUCKETS) << (exponent - SUB_BUCKET_BITS);
	}

	static long upperBound(int bucket) {
		if (bucket == 0) {
			return 1L << MIN_EXPONENT;
		}
		int exponent = MIN_EXPONENT + (bucket - 1) / SUB_BUCKETS;
		return lowerBound(bucket) + (1L << (exponent - SUB_BUCKET_BITS));
	}

	/**
	 * The waits counted up to one moment, by bucket.
	 */
	public static final class Counts {

		private final long[] counts;

		private Counts(long[] counts) {
			this.counts = counts;
		}

		/**
		 * Return the waits counted since an earlier moment.
		 * @param earlier the counts then
		 * @return the counts of the interval between the two
		 */
		public Counts since(Counts earlier) {
			long[] interval = new long[BUCKETS];
			for (int i = 0; i < BUCKETS; i++) {
				interval[i] = Math.max(0, this.counts[i] - earlier.counts[i]);
			}
			return new Counts(interval);
		}

		/**
		 * Return how many waits were counted.
		 * @return the number of waits
		 */
		public long total() {
			long total = 0;
			for (long count : this.counts) {
				total += count;
			}
			return total;
		}

		/**
		 * Return the time that the given share of the waits did not exceed: the middle of
		 * the bucket that holds that rank.
		 * @param quantile the share, such as 0.99
		 * @return the time, or zero when nothing was counted
		 */
		public Duration quantile(double quantile) {
			long total = total();
			if (total == 0) {
				return Duration.ZERO;
			}
			long rank = Math.max(1, (long) Math.ceil(quantile * total));
			long seen = 0;
			int bucket = 0;
			while (bucket < BUCKETS - 1) {
				seen += this.counts[bucket];
				if (seen >= rank) {
					break;
				}
				bucket++;
			}
			return Duration.ofNanos((lowerBound(bucket) + upperBound(bucket)) / 2);
		}

	}

}
