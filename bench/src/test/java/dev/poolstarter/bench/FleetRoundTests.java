package dev.poolstarter.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetRoundTests {

	@Test
	void budgetIsTheShareOfTheUsableConnectionsRoundedDown() {
		assertThat(FleetRun.budget(0.2, 100, 3)).isEqualTo(19);
		assertThat(FleetRun.budget(0.8, 100, 3)).isEqualTo(77);
	}

	@Test
	void fleetIsWithinItsBudgetWhenNoSampleExceedsIt() {
		FleetRound round = Scenarios.fleetRound(19, new int[] { 5, 12, 19, 19 }, sizes(4, 4, 4, 4));
		assertThat(round.withinBudget()).isTrue();
		assertThat(round.largestTotal()).isEqualTo(19);
	}

	@Test
	void oneSampleAboveTheBudgetIsEnoughToMissIt() {
		FleetRound round = Scenarios.fleetRound(19, new int[] { 5, 20, 19 }, sizes(4, 4, 4));
		assertThat(round.withinBudget()).isFalse();
		assertThat(round.samplesOverBudget()).isEqualTo(1);
	}

	@Test
	void roundWithoutSamplesIsNotWithinTheBudget() {
		assertThat(new FleetRound(19, 60, List.of(), List.of()).withinBudget()).isFalse();
	}

	@Test
	void poolConvergedWhenItsSizeDidNotChangeInTheSettlingTime() {
		int[][] maximums = new int[80][];
		for (int i = 0; i < 80; i++) {
			maximums[i] = new int[] { (i < 20) ? 4 : 6, (i < 60) ? 4 : 2, (i < 48) ? 0 : 3 };
		}
		FleetRound round = Scenarios.fleetRound(19, new int[80], maximums);
		assertThat(round.convergence(0, 10)).isEqualTo(new FleetRound.Convergence(6, 5.0, true));
		assertThat(round.convergence(1, 10)).isEqualTo(new FleetRound.Convergence(2, 15.0, false));
		assertThat(round.convergence(2, 10).converged()).isFalse();
	}

	@Test
	void budgetVerdictComesFromTheRounds() {
		FleetPlan plan = new FleetPlan(2, 10, 30, 16, 1, 0.2, 10);
		FleetRound within = Scenarios.fleetRound(19, new int[] { 10, 19 }, sizes(4, 4));
		FleetRound over = Scenarios.fleetRound(19, new int[] { 10, 21 }, sizes(4, 4));
		assertThat(new FleetResult(plan, List.of(within, within, within)).budgetVerdict()).isEqualTo(Verdict.MET);
		assertThat(new FleetResult(plan, List.of(within, over, within)).budgetVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(new FleetResult(plan, List.of(over, over, over)).budgetVerdict()).isEqualTo(Verdict.NOT_MET);
		assertThat(new FleetResult(plan, List.of(within)).budgetVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void fleetTargetGivesTheLargestTotalAndTheConvergedPools() {
		FleetPlan plan = new FleetPlan(2, 10, 30, 16, 1, 0.2, 10);
		FleetRound round = Scenarios.fleetRound(19, new int[] { 10, 17, 18 }, sizes(4, 4, 4));
		Targets.Outcome outcome = ScenarioTargets.fleet(new FleetResult(plan, List.of(round, round, round)));
		assertThat(outcome.verdict()).isEqualTo(Verdict.MET);
		assertThat(outcome.target()).isEqualTo("fleet of 2 starter pools (`sizing=adaptive`, `pool.postgres.budget=0.20`): "
				+ "connections on the server within the fleet budget at every sample");
		assertThat(outcome.measured()).isEqualTo("budget 19 connections; largest fleet total 18, above the budget in 0 of "
				+ "3 rounds; pools settled (no size change in the last 10 s): 0 of 6");
	}

	private static int[][] sizes(int... perSample) {
		int[][] sizes = new int[perSample.length][];
		for (int i = 0; i < perSample.length; i++) {
			sizes[i] = new int[] { perSample[i], perSample[i] };
		}
		return sizes;
	}

}
