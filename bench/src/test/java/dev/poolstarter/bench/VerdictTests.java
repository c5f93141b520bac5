package dev.poolstarter.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTests {

	@Test
	void spreadIsTheMedianAndRangeOfTheMeasuredRounds() {
		Spread spread = Spread.of(List.of(0.97, Double.NaN, 0.91, 1.02, 0.99));
		assertThat(spread.count()).isEqualTo(4);
		assertThat(spread.median()).isEqualTo(0.98);
		assertThat(spread.min()).isEqualTo(0.91);
		assertThat(spread.max()).isEqualTo(1.02);
	}

	@Test
	void metWhenTheLowestRoundClearsTheTarget() {
		assertThat(Verdict.atLeast(Spread.of(List.of(0.96, 1.01, 0.99)), 0.95)).isEqualTo(Verdict.MET);
	}

	@Test
	void notMetWhenTheHighestRoundMissesTheTarget() {
		assertThat(Verdict.atLeast(Spread.of(List.of(0.49, 0.51, 0.94)), 0.95)).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void inconclusiveWhenTheRoundsStraddleTheTarget() {
		assertThat(Verdict.atLeast(Spread.of(List.of(0.78, 1.09, 0.97)), 0.95)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.atMost(Spread.of(List.of(1.05, 1.25, 1.10)), 1.2)).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void inconclusiveWithFewerRoundsThanTheMinimumWhateverTheirValues() {
		assertThat(Verdict.atLeast(Spread.of(List.of(0.2, 0.3)), 0.95)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.atMost(Spread.of(List.of(1.0)), 1.2)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.everyRound(2, 2)).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void notMeasuredWithoutValues() {
		assertThat(Verdict.atLeast(Spread.of(List.of(Double.NaN)), 0.95)).isEqualTo(Verdict.NOT_MEASURED);
		assertThat(Verdict.everyRound(0, 0)).isEqualTo(Verdict.NOT_MEASURED);
	}

	@Test
	void atMostComparesTheHighestAndLowestRound() {
		assertThat(Verdict.atMost(Spread.of(List.of(1.0, 1.19, 1.2)), 1.2)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atMost(Spread.of(List.of(1.21, 3.0, 12.0)), 1.2)).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void aConfidenceIntervalDecidesOnlyWhenItDoesNotCrossTheTarget() {
		assertThat(Verdict.atMost(0.005, 0.01, 0.02)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atMost(0.125, 0.026, 0.02)).isEqualTo(Verdict.NOT_MET);
		assertThat(Verdict.atMost(0.037, 0.93, 0.02)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.atMost(0.01, Double.NaN, 0.02)).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.atMost(Double.NaN, 0.01, 0.02)).isEqualTo(Verdict.NOT_MEASURED);
	}

	@Test
	void everyRoundIsMetOnlyWhenTheConditionHeldInAll() {
		assertThat(Verdict.everyRound(3, 3)).isEqualTo(Verdict.MET);
		assertThat(Verdict.everyRound(0, 3)).isEqualTo(Verdict.NOT_MET);
		assertThat(Verdict.everyRound(2, 3)).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void allIsNotMetWhenAnyPartIsNotMetAndMetOnlyWhenEveryPartIs() {
		assertThat(Verdict.all(List.of(Verdict.MET, Verdict.INCONCLUSIVE, Verdict.NOT_MET))).isEqualTo(Verdict.NOT_MET);
		assertThat(Verdict.all(List.of(Verdict.MET, Verdict.MET))).isEqualTo(Verdict.MET);
		assertThat(Verdict.all(List.of(Verdict.MET, Verdict.INCONCLUSIVE))).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.all(List.of(Verdict.MET, Verdict.NOT_MEASURED))).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(Verdict.all(List.of(Verdict.NOT_MEASURED, Verdict.NOT_MEASURED))).isEqualTo(Verdict.NOT_MEASURED);
	}

}
