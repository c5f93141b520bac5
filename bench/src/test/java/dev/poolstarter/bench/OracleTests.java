package dev.poolstarter.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OracleTests {

	@Test
	void picksTheHighestThroughput() {
		List<RunStats> sweep = List.of(run(2, 1000, 0), run(8, 3100, 0), run(16, 2900, 0));
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.poolSize()).isEqualTo(8));
	}

	@Test
	void ignoresRunsWithTimeoutsWhileACleanOneExists() {
		List<RunStats> sweep = List.of(run(4, 2000, 0), run(64, 3500, 12));
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.poolSize()).isEqualTo(4));
	}

	@Test
	void picksTheSmallerSizeOnATie() {
		List<RunStats> sweep = List.of(run(16, 3000, 0), run(8, 3000, 0));
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.poolSize()).isEqualTo(8));
	}

	@Test
	void noOracleWithoutTransactions() {
		assertThat(Oracle.pick(List.of(RunStats.failed("size 1", 1, 8, "too many clients")))).isEmpty();
	}

	@Test
	void ratioOfMissingValueIsNaN() {
		assertThat(Oracle.ratio(10, 0)).isNaN();
		assertThat(Oracle.ratio(Double.NaN, 5)).isNaN();
		assertThat(Oracle.ratio(3, 4)).isEqualTo(0.75);
	}

	@Test
	void bandHoldsTheSizesWithinTheTarget() {
		RunStats oracle = run(8, 3000, 0);
		List<RunStats> sweep = List.of(run(2, 1500, 0), run(4, 2880, 0), oracle, run(16, 2860, 0, 5.0),
				run(32, 2990, 3));
		assertThat(SizingNotes.band(sweep, oracle)).containsExactly(4, 8);
	}

	private static RunStats run(int size, double tps, long timeouts) {
		return run(size, tps, timeouts, 2.0);
	}

	private static RunStats run(int size, double tps, long timeouts, double p99) {
		return new RunStats("size " + size, size, 32, (long) tps * 10, tps, 1.0, p99, 0.5, 1.5, timeouts, 0, size,
				size, 0,
				new CpuUsage.Shares(0.9, 0.5, 0.4), null);
	}

}
