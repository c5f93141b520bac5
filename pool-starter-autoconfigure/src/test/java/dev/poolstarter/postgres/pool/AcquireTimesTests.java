package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link AcquireTimes}.
 */
class AcquireTimesTests {

	private final AcquireTimes times = new AcquireTimes();

	@Test
	void everyWaitFallsInABucketThatHoldsItAndIsAtMostAnEighthWide() {
		for (long nanos = 1; nanos < TimeUnit.SECONDS.toNanos(100); nanos = nanos * 9 / 8 + 1) {
			int bucket = AcquireTimes.bucket(nanos);
			assertThat(AcquireTimes.lowerBound(bucket)).as("lower bound of %d ns", nanos).isLessThanOrEqualTo(nanos);
			assertThat(AcquireTimes.upperBound(bucket)).as("upper bound of %d ns", nanos).isGreaterThan(nanos);
			if (bucket > 0) {
				assertThat(AcquireTimes.upperBound(bucket) - AcquireTimes.lowerBound(bucket))
					.isLessThanOrEqualTo(AcquireTimes.lowerBound(bucket) / 8);
			}
		}
	}

	@Test
	void bucketsFollowEachOtherWithoutGaps() {
		for (int bucket = 1; bucket < AcquireTimes.BUCKETS; bucket++) {
			assertThat(AcquireTimes.lowerBound(bucket)).isEqualTo(AcquireTimes.upperBound(bucket - 1));
		}
	}

	@Test
	void theQuantileOfAnIntervalLeavesOutTheWaitsBeforeIt() {
		record(1000, Duration.ofMillis(1));
		AcquireTimes.Counts start = this.times.counts();
		record(980, Duration.ofNanos(10_000));
		record(20, Duration.ofMillis(200));
		AcquireTimes.Counts interval = this.times.counts().since(start);
		assertThat(interval.total()).isEqualTo(1000);
		assertThat(millis(interval.quantile(0.99))).isCloseTo(200, within(200 * 0.0625));
		assertThat(millis(interval.quantile(0.5))).isCloseTo(0.01, within(0.01 * 0.0625));
		assertThat(millis(this.times.counts().quantile(0.99))).as("since start: the 1 ms waits")
			.isCloseTo(1, within(0.0625));
	}

	@Test
	void anIntervalWithoutWaitsHasNoQuantile() {
		record(5, Duration.ofMillis(3));
		AcquireTimes.Counts counts = this.times.counts();
		assertThat(counts.since(counts).total()).isZero();
		assertThat(counts.since(counts).quantile(0.99)).isZero();
	}

	@Test
	void aFewWaitsGiveTheLongestAsTheirHighQuantile() {
		record(3, Duration.ofNanos(300));
		record(1, Duration.ofMillis(40));
		assertThat(millis(this.times.counts().quantile(0.99))).isCloseTo(40, within(40 * 0.0625));
		assertThat(this.times.counts().quantile(0.5)).isLessThan(Duration.ofNanos(1024));
	}

	@Test
	void waitsBeyondTheLastBucketCountInIt() {
		record(1, Duration.ofMinutes(10));
		assertThat(AcquireTimes.bucket(Duration.ofMinutes(10).toNanos())).isEqualTo(AcquireTimes.BUCKETS - 1);
		assertThat(this.times.counts().quantile(0.99)).isGreaterThan(Duration.ofSeconds(60));
	}

	private void record(int count, Duration wait) {
		for (int i = 0; i < count; i++) {
			this.times.record(wait.toNanos());
		}
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

}
