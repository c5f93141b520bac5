package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * One round of the probe scenario: the four pools through the same phases.
 *
 * @param plan the plan
 * @param larger the starter's pool fixed at the larger size
 * @param smaller the starter's pool fixed at the smaller size
 * @param lending the starter's pool at the larger size with a lending limit of the smaller
 * one in every second phase
 * @param holding the starter's pool at the larger size with the connections between the
 * two sizes held by the benchmark in every second phase
 * @param reserveMillis the median time from such a phase's start until they were all held
 */
record ProbeRound(ProbePlan plan, ScenarioRun larger, ScenarioRun smaller, ScenarioRun lending, ScenarioRun holding,
		double reserveMillis) {

	/**
	 * Return the smaller static size's throughput over the larger one's, on the measured
	 * phases: what the sizes read run apart, as the static sizes of the shifting scenario
	 * are.
	 * @return the ratio, {@code NaN} when a run failed
	 */
	double staticRatio() {
		return ratio(this.smaller, this.plan::measured, this.larger, this.plan::measured);
	}

	/**
	 * Return the throughput of the lending pool's phases at the smaller size over that of
	 * its phases at the larger size: what the probes down read.
	 * @return the ratio, {@code NaN} when the run failed
	 */
	double lendingRatio() {
		return ratio(this.lending, this::probed, this.lending, this::unprobed);
	}

	/**
	 * Return the throughput of the holding pool's phases at the smaller size over that of
	 * its phases at the larger size: what a probe down reads where the pool's callers share
	 * the smaller size in HikariCP's own queue.
	 * @return the ratio, {@code NaN} when the run failed
	 */
	double holdingRatio() {
		return ratio(this.holding, this::probed, this.holding, this::unprobed);
	}

	/**
	 * Return the median p99 of one pool's phases at the smaller size over that of its
	 * phases at the larger size; for the static sizes, the smaller pool's over the larger
	 * pool's, on the measured phases.
	 * @param pool the lending or the holding pool, or {@code null} for the static sizes
	 * @return the ratio, {@code NaN} when a run failed
	 */
	double p99Ratio(@Nullable ScenarioRun pool) {
		if (pool == null) {
			return p99(this.smaller, this.plan::measured) / p99(this.larger, this.plan::measured);
		}
		return p99(pool, this::probed) / p99(pool, this::unprobed);
	}

	/**
	 * Return the same ratio in the larger static pool, whose phases differ in nothing: the
	 * noise of alternating phases.
	 * @return the ratio, {@code NaN} when the run failed
	 */
	double controlRatio() {
		return ratio(this.larger, this::probed, this.larger, this::unprobed);
	}

	/**
	 * Return the throughput of the first second of the lending pool's phases at the smaller
	 * size over that of their other seconds: what setting the limit costs at once.
	 * @return the ratio, {@code NaN} when the run failed or a phase is one second long
	 */
	double firstSecondRatio() {
		if (!usable(this.lending) || this.plan.seconds() < 2) {
			return Double.NaN;
		}
		double first = 0;
		double rest = 0;
		int phases = 0;
		for (int phase = 0; phase < 2 * this.plan.pairs(); phase++) {
			if (!probed(phase)) {
				continue;
			}
			int start = phase * this.plan.seconds();
			first += this.lending.perSecond()[start];
			for (int second = 1; second < this.plan.seconds(); second++) {
				rest += this.lending.perSecond()[start + second];
			}
			phases++;
		}
		return (phases == 0 || rest == 0) ? Double.NaN : first / (rest / (this.plan.seconds() - 1));
	}

	private boolean probed(int phase) {
		return this.plan.measured(phase) && this.plan.probes(phase);
	}

	private boolean unprobed(int phase) {
		return this.plan.measured(phase) && !this.plan.probes(phase);
	}

	private static double ratio(ScenarioRun top, IntPredicate topPhases, ScenarioRun bottom,
			IntPredicate bottomPhases) {
		if (!usable(top) || !usable(bottom)) {
			return Double.NaN;
		}
		double below = tps(bottom, bottomPhases);
		return (below > 0) ? tps(top, topPhases) / below : Double.NaN;
	}

	private static double p99(ScenarioRun run, IntPredicate phases) {
		return usable(run) ? Spread.of(values(run, phases, PhaseStats::p99Millis)).median() : Double.NaN;
	}

	private static double tps(ScenarioRun run, IntPredicate phases) {
		return values(run, phases, PhaseStats::tps).stream().mapToDouble(Double::doubleValue).average().orElse(0);
	}

	private static List<Double> values(ScenarioRun run, IntPredicate phases, ToDoubleFunction<PhaseStats> figure) {
		List<Double> values = new ArrayList<>();
		for (int phase = 0; phase < run.phases().size(); phase++) {
			if (phases.test(phase)) {
				values.add(figure.applyAsDouble(run.phases().get(phase)));
			}
		}
		return values;
	}

	private static boolean usable(ScenarioRun run) {
		return run.note() == null && run.total().timeouts() == 0 && run.total().errors() == 0
				&& run.phases().size() > 0;
	}

}
