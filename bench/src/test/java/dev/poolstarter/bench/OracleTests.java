package dev.poolstarter.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OracleTests {

	@Test
	void picksTheHighestMedianThroughput() {
		List<Series> sweep = List.of(Runs.sweep(2, 32, 1000, 1000, 1000), Runs.sweep(8, 32, 3100, 2000, 3000),
				Runs.sweep(16, 32, 4000, 2900, 2900));
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.size()).isEqualTo(8));
	}

	@Test
	void ignoresSizesWithTimeoutsInAnyRoundWhileACleanOneExists() {
		Series timeouts = new Series("size 64", 32, List.of(Runs.run("size 64", 64, 32, 3500, 10, 0),
				Runs.run("size 64", 64, 32, 3500, 10, 12), Runs.run("size 64", 64, 32, 3500, 10, 0)));
		List<Series> sweep = List.of(Runs.sweep(4, 32, 2000, 2000, 2000), timeouts);
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.size()).isEqualTo(4));
	}

	@Test
	void picksTheSmallerSizeOnATie() {
		List<Series> sweep = List.of(Runs.sweep(16, 32, 3000, 3000, 3000), Runs.sweep(8, 32, 3000, 3000, 3000));
		assertThat(Oracle.pick(sweep)).hasValueSatisfying((oracle) -> assertThat(oracle.size()).isEqualTo(8));
	}

	@Test
	void noOracleWithoutTransactions() {
		Series failed = new Series("size 1", 8, List.of(RunStats.failed("size 1", 1, 8, "too many clients")));
		assertThat(Oracle.pick(List.of(failed))).isEmpty();
	}

	@Test
	void ratioOfMissingValueIsNaN() {
		assertThat(Oracle.ratio(10, 0)).isNaN();
		assertThat(Oracle.ratio(Double.NaN, 5)).isNaN();
		assertThat(Oracle.ratio(3, 4)).isEqualTo(0.75);
	}

	@Test
	void bandHoldsTheSizesThatMeetTheTargetInEveryRound() {
		Series oracle = Runs.sweep(8, 32, 3000, 3100, 2900);
		Series slowerTail = new Series("size 16", 32, List.of(Runs.run("size 16", 16, 32, 2990, 50, 0),
				Runs.run("size 16", 16, 32, 3050, 50, 0), Runs.run("size 16", 16, 32, 2900, 50, 0)));
		List<Series> sweep = List.of(Runs.sweep(2, 32, 1500, 1500, 1500), Runs.sweep(4, 32, 2880, 2990, 2800),
				oracle, slowerTail, Runs.sweep(32, 32, 2990, 2700, 2900));
		assertThat(SizingNotes.band(sweep, oracle, Verdict.MET)).containsExactly(4, 8);
		assertThat(SizingNotes.band(sweep, oracle, Verdict.INCONCLUSIVE)).containsExactly(32);
		assertThat(SizingNotes.band(sweep, oracle, Verdict.NOT_MET)).containsExactly(2, 16);
	}

}
