package dev.poolstarter.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReachTests {

	@Test
	void reachedAtTheFirstSecondWhoseMovingAverageStaysAboveTheThreshold() {
		long[] perSecond = { 100, 200, 900, 1000, 1000, 1000, 1000, 1000 };
		assertThat(Reach.secondsToReach(perSecond, 0, 8, 950)).isEqualTo(2);
	}

	@Test
	void dipBelowTheThresholdLaterInThePhaseMovesTheReachPastIt() {
		long[] perSecond = { 1000, 1000, 1000, 1000, 200, 1000, 1000, 1000, 1000, 1000 };
		assertThat(Reach.secondsToReach(perSecond, 0, 10, 950)).isEqualTo(5);
	}

	@Test
	void onlyTheSecondsOfThePhaseCount() {
		long[] perSecond = { 0, 0, 0, 0, 1000, 1000, 1000, 1000, 0, 0 };
		assertThat(Reach.secondsToReach(perSecond, 4, 4, 950)).isZero();
		assertThat(Reach.secondsToReach(perSecond, 3, 5, 950)).isEqualTo(1);
	}

	@Test
	void neverReachedWhenTheLastMovingAverageIsBelowTheThreshold() {
		long[] perSecond = { 1000, 1000, 1000, 1000, 1000, 1000, 500 };
		assertThat(Reach.secondsToReach(perSecond, 0, 7, 950)).isInfinite();
	}

	@Test
	void phaseShorterThanTheWindowIsNeverReached() {
		assertThat(Reach.secondsToReach(new long[] { 1000, 1000 }, 0, 2, 950)).isInfinite();
	}

	@Test
	void nothingToReachWithoutAThreshold() {
		long[] perSecond = { 0, 0, 0, 0 };
		assertThat(Reach.secondsToReach(perSecond, 0, 4, 0)).isNaN();
		assertThat(Reach.secondsToReach(perSecond, 0, 4, Double.NaN)).isNaN();
	}

}
