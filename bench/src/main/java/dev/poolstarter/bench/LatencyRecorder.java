package dev.poolstarter.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one client, or of several merged, in microseconds with three significant
 * digits; not thread-safe unless made {@link #concurrent()}: each client records into its
 * own and the run merges them.
 *
 * @author pool-starter
 */
final class LatencyRecorder {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

	private final Histogram histogram;

	LatencyRecorder() {
		this(new Histogram(HIGHEST_MICROS, 3));
	}

	private LatencyRecorder(Histogram histogram) {
		this.histogram = histogram;
	}

	/**
	 * Return a recorder that many threads may record into at once, for a shifting
	 * scenario where one recorder per client and phase would take too much memory.
	 * @return the recorder
	 */
	static LatencyRecorder concurrent() {
		return new LatencyRecorder(new ConcurrentHistogram(HIGHEST_MICROS, 3));
	}

	void recordNanos(long nanos) {
		this.histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
	}

	void recordMicros(long micros) {
		this.histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
	}

	void add(LatencyRecorder other) {
		this.histogram.add(other.histogram);
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	/**
	 * Return a percentile in milliseconds.
	 * @param percentile between 0 and 100
	 * @return the value at the percentile, or {@code NaN} when nothing was recorded
	 */
	double percentileMillis(double percentile) {
		if (count() == 0) {
			return Double.NaN;
		}
		return this.histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	double meanMillis() {
		return (count() != 0) ? this.histogram.getMean() / 1000.0 : Double.NaN;
	}

}
