package dev.poolstarter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Synthetic shifting-scenario and fleet runs for the tests of their computations.
 */
final class Scenarios {

	/**
	 * Three phases of 10, 5 and 10 seconds: 32 clients holding 1 ms, idle, 128 clients.
	 */
	static final Scenario SCENARIO = Scenario.parse("32x1:10,idle:5,128x0:10", 20);

	private Scenarios() {
	}

	/**
	 * Return a run whose every phase has a constant throughput and the given p99.
	 */
	static ScenarioRun steady(String config, double[] tps, double[] p99) {
		return run(config, perSecond(tps), p99);
	}

	/**
	 * Return a run from its transactions per second, with the given p99 per phase.
	 */
	static ScenarioRun run(String config, long[] perSecond, double[] p99) {
		List<PhaseStats> phases = new ArrayList<>();
		long all = 0;
		for (int phase = 0; phase < SCENARIO.phases().size(); phase++) {
			int start = SCENARIO.start(phase);
			int seconds = SCENARIO.phases().get(phase).seconds();
			long transactions = Arrays.stream(perSecond, start, start + seconds).sum();
			all += transactions;
			phases.add(new PhaseStats(transactions, (double) transactions / seconds, p99[phase] / 2, p99[phase], 0, 0));
		}
		PhaseStats total = new PhaseStats(all, (double) all / SCENARIO.seconds(), 1, Arrays.stream(p99).max().orElse(0),
				0, 0);
		return new ScenarioRun(config, phases, total, perSecond, List.of(), null);
	}

	static long[] perSecond(double... tpsPerPhase) {
		long[] perSecond = new long[SCENARIO.seconds()];
		for (int second = 0; second < perSecond.length; second++) {
			perSecond[second] = Math.round(tpsPerPhase[SCENARIO.phaseAt(second)]);
		}
		return perSecond;
	}

	static ScenarioSeries statics(int size, double[] p99, double[]... tpsPerRound) {
		return new ScenarioSeries("size " + size, size,
				Arrays.stream(tpsPerRound).map((tps) -> steady("size " + size, tps, p99)).toList());
	}

	static ScenarioSeries controller(ScenarioRun... rounds) {
		return new ScenarioSeries(ScenarioMain.CONTROLLER, 0, List.of(rounds));
	}

	static double[] values(double... values) {
		return values;
	}

	/**
	 * Return shifting results in which size 8 is best in the first phase, size 32 in the
	 * last, size 32 over the whole scenario, and the controller matches each phase's best
	 * after a slow start in the last phase.
	 */
	static ShiftingResult shifting(int rounds) {
		double[] p99 = values(10, 0, 20);
		List<ScenarioRun> controller = new ArrayList<>();
		List<double[]> size8 = new ArrayList<>();
		List<double[]> size32 = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			size8.add(values(1000, 0, 1500));
			size32.add(values(900, 0, 3000));
			long[] perSecond = perSecond(1000, 0, 3000);
			int last = SCENARIO.start(2);
			perSecond[last] = 1500;
			perSecond[last + 1] = 1500;
			perSecond[last + 2] = 2000;
			controller.add(run(ScenarioMain.CONTROLLER, perSecond, values(10, 0, 22)));
		}
		return new ShiftingResult(Regime.SERVER_BOUND, SCENARIO,
				List.of(controller(controller.toArray(ScenarioRun[]::new)),
						statics(8, p99, size8.toArray(double[][]::new)), statics(32, p99, size32.toArray(double[][]::new))));
	}

	static FleetRound fleetRound(int budget, int[] totals, int[][] maximums) {
		List<FleetSample> samples = new ArrayList<>();
		for (int i = 0; i < totals.length; i++) {
			List<Integer> sizes = Arrays.stream(maximums[i]).boxed().toList();
			samples.add(new FleetSample(i * 0.25, totals[i], totals[i], sizes));
		}
		List<FleetRound.Instance> instances = new ArrayList<>();
		for (int i = 0; i < maximums[0].length; i++) {
			instances.add(new FleetRound.Instance("i" + (i + 1), i * 10, i * 10 + 2, 500, null));
		}
		return new FleetRound(budget, totals.length * 0.25, instances, samples);
	}

	static ScenarioResults results(List<ShiftingResult> shifting, FleetResult fleet) {
		ScenarioOptions options = ScenarioOptions.parse("--scenario=shifting,fleet", "--quick", "--date=2026-12-06");
		return new ScenarioResults(options, Runs.facts(), shifting, fleet, null, Runs.hotPath(),
				Duration.ofSeconds(600));
	}

}
