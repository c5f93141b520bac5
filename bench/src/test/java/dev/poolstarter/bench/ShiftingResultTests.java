package dev.poolstarter.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShiftingResultTests {

	@Test
	void eachPhaseHasItsOwnBestStaticSizeAndAnIdlePhaseHasNone() {
		ShiftingResult shifting = Scenarios.shifting(3);
		assertThat(shifting.bestStatic(0)).hasValueSatisfying((best) -> assertThat(best.size()).isEqualTo(8));
		assertThat(shifting.bestStatic(1)).isEmpty();
		assertThat(shifting.bestStatic(2)).hasValueSatisfying((best) -> assertThat(best.size()).isEqualTo(32));
	}

	@Test
	void bestStaticSizeInHindsightHasTheBestThroughputOverTheWholeScenario() {
		ShiftingResult shifting = Scenarios.shifting(3);
		assertThat(shifting.hindsightBest()).hasValueSatisfying((best) -> assertThat(best.size()).isEqualTo(32));
		assertThat(shifting.totalRatio().median()).isCloseTo(1440.0 / 1560, within(1e-9));
	}

	@Test
	void staticSizeWithTimeoutsInAPhaseIsNotThatPhasesBest() {
		ShiftingResult shifting = Scenarios.shifting(1);
		ScenarioRun steady = Scenarios.steady("size 64", Scenarios.values(5000, 0, 5000), Scenarios.values(1, 0, 1));
		List<PhaseStats> phases = List.of(steady.phases().get(0), steady.phases().get(1),
				new PhaseStats(50000, 5000, 1, 1, 3, 0));
		ScenarioSeries timingOut = new ScenarioSeries("size 64", 64, List.of(new ScenarioRun("size 64", phases,
				steady.total(), steady.perSecond(), List.of(), null)));
		ShiftingResult withTimeouts = new ShiftingResult(shifting.regime(), shifting.scenario(),
				List.of(shifting.series().get(0), shifting.series().get(1), shifting.series().get(2), timingOut));
		assertThat(withTimeouts.bestStatic(0)).hasValueSatisfying((best) -> assertThat(best.size()).isEqualTo(64));
		assertThat(withTimeouts.bestStatic(2)).hasValueSatisfying((best) -> assertThat(best.size()).isEqualTo(32));
	}

	@Test
	void timeToReachIsMeasuredAgainstThePhasesBestStaticSizeOfTheSameRound() {
		ShiftingResult shifting = Scenarios.shifting(3);
		assertThat(shifting.timeToReach(0).max()).isZero();
		assertThat(shifting.timeToReach(2).median()).isEqualTo(3);
		assertThat(shifting.timeToReach(1).measured()).isFalse();
		assertThat(shifting.phaseRatio(2, PhaseStats::tps).median()).isCloseTo(2600.0 / 3000, within(1e-9));
		assertThat(shifting.phaseRatio(2, PhaseStats::p99Millis).median()).isCloseTo(1.1, within(1e-9));
	}

	@Test
	void controllerBelowTheBestStaticSizeInHindsightIsNotMetEvenWhenItMatchesEveryPhaseInTheEnd() {
		ShiftingResult shifting = Scenarios.shifting(3);
		Targets.Outcome total = ScenarioTargets.total(shifting);
		assertThat(total.verdict()).isEqualTo(Verdict.NOT_MET);
		assertThat(total.measured())
			.isEqualTo("best static in hindsight: size 32, 1560 tps; starter `adaptive` 1440 tps: 92 %");
		Targets.Outcome reach = ScenarioTargets.reach(shifting);
		assertThat(reach.verdict()).isEqualTo(Verdict.MET);
		assertThat(reach.measured()).isEqualTo("1 (32 clients, 1 ms; size 8): 0 s; 3 (128 clients, 0 ms; size 32): 3 s");
		assertThat(ScenarioTargets.p99(shifting).verdict()).isEqualTo(Verdict.MET);
	}

	@Test
	void phaseNeverReachedInOneRoundMakesTheReachTargetInconclusive() {
		ShiftingResult shifting = Scenarios.shifting(3);
		long[] slow = Scenarios.perSecond(1000, 0, 2000);
		ScenarioRun never = Scenarios.run(ScenarioMain.CONTROLLER, slow, Scenarios.values(10, 0, 22));
		ScenarioSeries controller = shifting.controller().orElseThrow();
		ShiftingResult mixed = new ShiftingResult(shifting.regime(), shifting.scenario(),
				List.of(Scenarios.controller(controller.rounds().get(0), never, controller.rounds().get(2)),
						shifting.series().get(1), shifting.series().get(2)));
		assertThat(ScenarioTargets.seconds(mixed.timeToReach(2))).isEqualTo("3 s (3 s–never)");
		assertThat(ScenarioTargets.reach(mixed).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void oneRoundDecidesNothing() {
		ShiftingResult shifting = Scenarios.shifting(1);
		assertThat(ScenarioTargets.total(shifting).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(ScenarioTargets.reach(shifting).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
	}

}
