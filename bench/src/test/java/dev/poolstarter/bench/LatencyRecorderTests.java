package dev.poolstarter.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTests {

	@Test
	void percentilesOfOneToOneHundredMilliseconds() {
		LatencyRecorder recorder = new LatencyRecorder();
		for (int millis = 1; millis <= 100; millis++) {
			recorder.recordNanos(millis * 1_000_000L);
		}
		assertThat(recorder.count()).isEqualTo(100);
		assertThat(recorder.percentileMillis(50)).isCloseTo(50, within(0.1));
		assertThat(recorder.percentileMillis(99)).isCloseTo(99, within(0.1));
		assertThat(recorder.meanMillis()).isCloseTo(50.5, within(0.1));
	}

	@Test
	void mergedRecordersCountEveryClient() {
		LatencyRecorder fast = new LatencyRecorder();
		LatencyRecorder slow = new LatencyRecorder();
		for (int i = 0; i < 98; i++) {
			fast.recordMicros(1000);
		}
		slow.recordMicros(200_000);
		slow.recordMicros(300_000);
		fast.add(slow);
		assertThat(fast.percentileMillis(50)).isCloseTo(1, within(0.01));
		assertThat(fast.percentileMillis(99)).isCloseTo(200, within(0.2));
		assertThat(fast.percentileMillis(100)).isCloseTo(300, within(0.3));
	}

	@Test
	void emptyRecorderHasNoPercentile() {
		assertThat(new LatencyRecorder().percentileMillis(99)).isNaN();
	}

}
