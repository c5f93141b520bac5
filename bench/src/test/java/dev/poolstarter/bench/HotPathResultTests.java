package dev.poolstarter.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HotPathResultTests {

	private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
			+ "\"Score Error (99.9%)\",\"Unit\",\"Param: size\",\"Param: source\"";

	@Test
	void comparesTheStarterWithTheBarePoolAndWithTheSameSettings() {
		HotPathResult result = HotPathResult.parse(List.of(HEADER,
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,15,100.0,2.0,\"ns/op\",4,bare",
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,15,400.0,8.0,\"ns/op\",4,bare-leak",
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,15,404.0,8.0,\"ns/op\",4,starter",
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowTwoThreads\",\"avgt\",2,15,200.0,NaN,\"ns/op\",4,bare"));
		assertThat(result.rows()).hasSize(1);
		HotPathResult.Row row = result.rows().get(0);
		assertThat(row.benchmark()).isEqualTo("borrowOneThread");
		assertThat(row.threads()).isEqualTo(1);
		assertThat(row.overhead().median()).isCloseTo(3.04, within(1e-9));
		assertThat(row.ownOverhead().median()).isCloseTo(0.01, within(1e-9));
		assertThat(row.ownOverhead().error()).isCloseTo(1.01 * Math.hypot(8.0 / 404, 8.0 / 400), within(1e-9));
	}

	@Test
	void comparesTheStarterWithEverythingOnWithHikariWithBootsMetricsTracker() {
		HotPathResult result = HotPathResult.parse(List.of(HEADER,
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,5,100.0,2.0,\"ns/op\",4,bare",
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,5,150.0,3.0,\"ns/op\",4,bare-metrics",
				"\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,5,156.0,3.0,\"ns/op\",4,starter-all"));
		HotPathResult.Row row = result.rows().get(0);
		assertThat(row.overhead()).isNull();
		assertThat(row.allOnOverhead().median()).isCloseTo(0.04, within(1e-9));
		assertThat(row.allOnOverhead().error()).isCloseTo(1.04 * Math.hypot(3.0 / 156, 3.0 / 150), within(1e-9));
	}

	@Test
	void roundsAreComparedWithinEachRoundAndJudgedOnTheirRange() {
		HotPathResult result = HotPathResult.parse(List.of(HEADER, oneThread(100.0, 2.0, "bare"),
				oneThread(300.0, 9.0, "bare-metrics"), oneThread(309.0, 9.0, "starter-all"), HEADER,
				oneThread(330.0, 30.0, "starter-all"), oneThread(330.0, 30.0, "bare-metrics"), oneThread(110.0, 2.0, "bare"),
				HEADER, oneThread(105.0, 2.0, "bare"), oneThread(310.0, 9.0, "bare-metrics"),
				oneThread(322.4, 9.0, "starter-all")));
		assertThat(result.rounds()).isEqualTo(3);
		HotPathResult.Row row = result.rows().get(0);
		// the slow second round is slow for both sources: within it, no overhead at all
		HotPathResult.Overhead allOn = row.allOnOverhead();
		assertThat(allOn.rounds().count()).isEqualTo(3);
		assertThat(allOn.rounds().min()).isCloseTo(0.0, within(1e-9));
		assertThat(allOn.median()).isCloseTo(0.03, within(1e-9));
		assertThat(allOn.rounds().max()).isCloseTo(0.04, within(1e-9));
		assertThat(allOn.error()).isNaN();
		assertThat(allOn.atMost(0.05)).isEqualTo(Verdict.MET);
		assertThat(allOn.atMost(0.035)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(row.spread(HotPathBenchmark.STARTER_ALL).median()).isCloseTo(322.4, within(1e-9));
		assertThat(row.score(HotPathBenchmark.STARTER_ALL).error()).isNaN();
		assertThat(Report.overhead(allOn)).isEqualTo("+3.0 % (+0.0 % to +4.0 %, 3 rounds)");
	}

	@Test
	void fewerRoundsThanTheMinimumAreInconclusiveWhateverTheirRange() {
		List<String> round = List.of(HEADER, oneThread(100.0, 2.0, "bare"), oneThread(300.0, 1.0, "bare-metrics"),
				oneThread(301.0, 1.0, "starter-all"));
		HotPathResult result = HotPathResult.parse(Stream.concat(round.stream(), round.stream()).toList());
		assertThat(result.rows().get(0).allOnOverhead().atMost(0.05)).isEqualTo(Verdict.INCONCLUSIVE);
	}

	private static String oneThread(double nanos, double error, String source) {
		return String.format(Locale.ROOT, "\"dev.poolstarter.bench.HotPathBenchmark.borrowOneThread\",\"avgt\",1,5,%s,%s,"
				+ "\"ns/op\",4,%s", nanos, error, source);
	}

	@Test
	void missingFileIsNotMeasured() {
		assertThat(HotPathResult.read(Path.of("no-such-file.csv")).note()).startsWith("not measured");
	}

}
