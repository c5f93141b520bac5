package dev.poolstarter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ProbeRound} and {@link ProbeResult}: the ratios the probe comparison
 * reports and the sentence computed from them.
 */
class ProbeResultTests {

	// 3 pairs of 3 s phases: the first pair is not measured
	private static final ProbePlan PLAN = ProbePlan.parse("64:45", "128x0", 3, 3);

	@Test
	void ratiosLeaveOutTheFirstPairAndCompareEachPoolsPhases() {
		// the first pair reads 0 and 1000: a ratio that counted it would not be 1.2 or 0.9
		ScenarioRun larger = run(0, 1000, 1000, 1000, 1000, 1000);
		ScenarioRun smaller = run(0, 1000, 1200, 1200, 1200, 1200);
		ScenarioRun lending = run(0, 1000, 1000, 900, 1000, 900);
		ScenarioRun holding = run(0, 1000, 1000, 1100, 1000, 1100);
		ProbeRound round = new ProbeRound(PLAN, larger, smaller, lending, holding, 12);
		assertThat(round.staticRatio()).isCloseTo(1.2, within(1e-9));
		assertThat(round.lendingRatio()).isCloseTo(0.9, within(1e-9));
		assertThat(round.holdingRatio()).isCloseTo(1.1, within(1e-9));
		assertThat(round.controlRatio()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void firstSecondComparesTheFirstSecondOfTheLimitWithTheSecondsAfterIt() {
		long[] perSecond = { 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 1000, 600, 900, 900, 1000, 1000, 1000, 600, 900,
				900 };
		ProbeRound round = new ProbeRound(PLAN, run(1000, 1000, 1000, 1000, 1000, 1000),
				run(1000, 1000, 1000, 1000, 1000, 1000), run("probing", perSecond, 0),
				run(1000, 1000, 1000, 1000, 1000, 1000), 12);
		assertThat(round.firstSecondRatio()).isCloseTo(600.0 / 900, within(1e-9));
		assertThat(round.lendingRatio()).isCloseTo(800.0 / 1000, within(1e-9));
	}

	@Test
	void aRunWithTimeoutsHasNoRatio() {
		ScenarioRun timingOut = run("size 45", perSecond(1000, 1000, 1200, 1200, 1200, 1200), 3);
		ProbeRound round = new ProbeRound(PLAN, run(1000, 1000, 1000, 1000, 1000, 1000), timingOut,
				run(1000, 1000, 1000, 1000, 1000, 1000), run(1000, 1000, 1000, 1000, 1000, 1000), 12);
		assertThat(round.staticRatio()).isNaN();
		assertThat(round.lendingRatio()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void aLimitBelowEveryStaticRoundAndEveryControlReadsLow() {
		ProbeResult result = result(new double[] { 1.20, 1.10, 1.30 }, new double[] { 0.85, 0.90, 0.80 },
				new double[] { 1.15, 1.05, 1.25 });
		assertThat(result.statics().median()).isCloseTo(1.2, within(1e-9));
		assertThat(result.limits().median()).isCloseTo(0.85, within(1e-9));
		assertThat(result.verdict()).isEqualTo("The lending limit read lower than the static sizes in every round: "
				+ "such a probe is judged on less than the smaller size gives; against the same pool's phases at "
				+ "the larger size, lower in every round, beyond the noise of alternating phases of one size. The "
				+ "connections held aside read within the range of the static sizes: no difference shown; against "
				+ "the same pool's phases at the larger size, higher in every round, beyond the noise of "
				+ "alternating phases of one size.");
	}

	@Test
	void overlappingRangesShowNoDifference() {
		ProbeResult result = result(new double[] { 1.20, 0.80, 1.00 }, new double[] { 0.95, 1.05, 1.00 },
				new double[] { 0.95, 1.05, 1.00 });
		assertThat(result.verdict()).isEqualTo("The lending limit read within the range of the static sizes: no "
				+ "difference shown; against the same pool's phases at the larger size, within the noise of "
				+ "alternating phases of one size. The connections held aside read within the range of the static "
				+ "sizes: no difference shown; against the same pool's phases at the larger size, within the noise "
				+ "of alternating phases of one size.");
	}

	@Test
	void fewerThanThreeRoundsTellNothing() {
		ProbeResult result = result(new double[] { 1.20, 1.30 }, new double[] { 0.80, 0.85 },
				new double[] { 1.20, 1.30 });
		assertThat(result.verdict()).isEqualTo("Too few rounds to tell (2 measured, 3 needed).");
	}

	@Test
	void reportShowsEveryRoundAndTheVerdict() {
		ProbeResult probes = result(new double[] { 1.20, 1.10, 1.30 }, new double[] { 0.85, 0.90, 0.80 },
				new double[] { 1.15, 1.05, 1.25 });
		ScenarioOptions options = ScenarioOptions.parse("--scenario=probes", "--probe=64:45", "--probe-pairs=3",
				"--probe-seconds=3", "--date=2026-12-07");
		ScenarioResults results = new ScenarioResults(options, Runs.facts(), List.of(), null, probes, Runs.hotPath(),
				Duration.ofSeconds(120));
		String report = ScenarioReport.render(results, "plot.png");
		String section = report.substring(report.indexOf("## Probes down against static sizes"));
		assertThat(section).contains("128 clients, 0 ms, 3 pairs of 3 s phases (18 s), sizes 64 and 45");
		assertThat(section).contains("| round | size 64 tps | size 45 tps | lending 45 tps | holding 19 tps | "
				+ "static 45 / 64 | lending limit | held aside | control | first second of a limit | held in |");
		assertThat(section).contains("| 2 | 1000 | 1100 | 950 | 1025 | 110 % (p99 1.00 x) | 90 % (p99 1.00 x) | "
				+ "105 % (p99 1.00 x) | 100 % | 100 % | 12 ms |");
		assertThat(section).contains("| median (range) | | | | | 120 % (110–130 %) | 85 % (80–90 %) | "
				+ "115 % (105–125 %) | 100 % | 100 % | |");
		assertThat(section).contains(probes.verdict());
	}

	// rounds whose larger pool runs 1000 per second, the smaller one 1000 x static, and the
	// probing ones 1000 in their phases at the larger size and 1000 x probe or reserve in
	// their probes
	private static ProbeResult result(double[] statics, double[] limits, double[] holdings) {
		List<ProbeRound> rounds = new ArrayList<>();
		for (int i = 0; i < statics.length; i++) {
			double small = 1000 * statics[i];
			double probe = 1000 * limits[i];
			double reserve = 1000 * holdings[i];
			rounds.add(new ProbeRound(PLAN, run(1000, 1000, 1000, 1000, 1000, 1000),
					run(small, small, small, small, small, small), run(1000, probe, 1000, probe, 1000, probe),
					run(1000, reserve, 1000, reserve, 1000, reserve), 12));
		}
		return new ProbeResult(PLAN, rounds);
	}

	private static ScenarioRun run(double... tpsPerPhase) {
		return run("run", perSecond(tpsPerPhase), 0);
	}

	private static long[] perSecond(double... tpsPerPhase) {
		long[] perSecond = new long[PLAN.scenario().seconds()];
		for (int second = 0; second < perSecond.length; second++) {
			perSecond[second] = Math.round(tpsPerPhase[second / PLAN.seconds()]);
		}
		return perSecond;
	}

	private static ScenarioRun run(String config, long[] perSecond, long timeouts) {
		Scenario scenario = PLAN.scenario();
		List<PhaseStats> phases = new ArrayList<>();
		long all = 0;
		for (int phase = 0; phase < scenario.phases().size(); phase++) {
			long transactions = 0;
			for (int second = scenario.start(phase); second < scenario.start(phase) + PLAN.seconds(); second++) {
				transactions += perSecond[second];
			}
			all += transactions;
			phases.add(new PhaseStats(transactions, (double) transactions / PLAN.seconds(), 1, 2,
					(phase == 2) ? timeouts : 0, 0));
		}
		PhaseStats total = new PhaseStats(all, (double) all / scenario.seconds(), 1, 2, timeouts, 0);
		return new ScenarioRun(config, phases, total, perSecond, List.of(), null);
	}

}
