package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The targets of the scenario mode, and the verdict on each computed from the run's own
 * rounds: in each regime of the shifting scenario, the starter's adaptive pool against
 * the best single static size in hindsight over the whole scenario and against each
 * phase's best static size; the fleet against its budget; and the hot path with every
 * feature on.
 *
 * @author pool-starter
 */
final class ScenarioTargets {

	static final double TOTAL = 1.0;

	static final double REACH_SECONDS = 10;

	static final double P99 = 1.2;

	private final ScenarioResults results;

	ScenarioTargets(ScenarioResults results) {
		this.results = results;
	}

	List<Targets.Outcome> outcomes() {
		List<Targets.Outcome> outcomes = new ArrayList<>();
		if (this.results.shifting().isEmpty()) {
			outcomes.add(new Targets.Outcome("starter `adaptive` through the shifting scenario",
					"not run (not in `--scenario`)", Verdict.NOT_MEASURED));
		}
		for (ShiftingResult shifting : this.results.shifting()) {
			outcomes.add(total(shifting));
			outcomes.add(reach(shifting));
			outcomes.add(p99(shifting));
		}
		outcomes.add(fleet(this.results.fleet()));
		outcomes.add(Targets.hotPathAllOn(this.results.hotPath()));
		return outcomes;
	}

	static Targets.Outcome total(ShiftingResult shifting) {
		String target = String.format(Locale.ROOT, "starter `adaptive`, shifting scenario, %s: throughput over the "
				+ "whole scenario >= %s of the best single static size in hindsight", shifting.regime().label(),
				Report.pct(TOTAL));
		Optional<ScenarioSeries> controller = shifting.controller();
		Optional<ScenarioSeries> best = shifting.hindsightBest();
		if (controller.isEmpty() || best.isEmpty()) {
			return new Targets.Outcome(target, missing(shifting), Verdict.NOT_MEASURED);
		}
		Spread ratio = shifting.totalRatio();
		String measured = String.format(Locale.ROOT, "best static in hindsight: size %d, %s tps; starter `adaptive` "
				+ "%s tps: %s", best.get().size(), Report.range(best.get().total(PhaseStats::tps), 0, ""),
				Report.range(controller.get().total(PhaseStats::tps), 0, ""), Report.pctRange(ratio));
		return new Targets.Outcome(target, measured + failures(controller.get()), Verdict.atLeast(ratio, TOTAL));
	}

	static Targets.Outcome reach(ShiftingResult shifting) {
		String target = String.format(Locale.ROOT, "starter `adaptive`, shifting scenario, %s: in each phase >= %s of "
				+ "the phase's best static size within %s s of the phase's start (%d s moving average, staying there)",
				shifting.regime().label(), Report.pct(ShiftingResult.REACH), Report.num(REACH_SECONDS, 0),
				Reach.WINDOW);
		return perPhase(shifting, target, (phase) -> {
			Spread seconds = shifting.timeToReach(phase);
			return new Part(seconds(seconds), Verdict.atMost(seconds, REACH_SECONDS));
		});
	}

	static Targets.Outcome p99(ShiftingResult shifting) {
		String target = String.format(Locale.ROOT, "starter `adaptive`, shifting scenario, %s: p99 <= %s the phase's "
				+ "best static size's, in each phase", shifting.regime().label(), Report.times(P99));
		return perPhase(shifting, target, (phase) -> {
			Spread ratio = shifting.phaseRatio(phase, PhaseStats::p99Millis);
			return new Part(Report.timesRange(ratio), Verdict.atMost(ratio, P99));
		});
	}

	private static Targets.Outcome perPhase(ShiftingResult shifting, String target,
			IntFunction<Part> part) {
		if (shifting.controller().isEmpty() || shifting.statics().isEmpty()) {
			return new Targets.Outcome(target, missing(shifting), Verdict.NOT_MEASURED);
		}
		List<String> parts = new ArrayList<>();
		List<Verdict> verdicts = new ArrayList<>();
		for (int phase = 0; phase < shifting.scenario().phases().size(); phase++) {
			Optional<ScenarioSeries> best = shifting.bestStatic(phase);
			if (best.isEmpty()) {
				continue;
			}
			Part result = part.apply(phase);
			verdicts.add(result.verdict());
			parts.add(String.format(Locale.ROOT, "%d (%s; size %d): %s", phase + 1,
					shifting.scenario().phases().get(phase).label(), best.get().size(), result.text()));
		}
		return new Targets.Outcome(target, String.join("; ", parts), Verdict.all(verdicts));
	}

	private static String missing(ShiftingResult shifting) {
		return shifting.controller().isEmpty() ? "not measured: the starter's pool did not run"
				: "not measured: no static size ran";
	}

	private static String failures(ScenarioSeries series) {
		long rounds = series.rounds().stream().filter((run) -> !run.total().clean() || run.note() != null).count();
		return (rounds > 0) ? String.format(Locale.ROOT, "; timeouts or errors in %d of %d rounds", rounds,
				series.rounds().size()) : "";
	}

	static Targets.Outcome fleet(@Nullable FleetResult fleet) {
		if (fleet == null) {
			return new Targets.Outcome("fleet: connections on the server within the fleet budget at every sample",
					"not run (not in `--scenario`)", Verdict.NOT_MEASURED);
		}
		FleetPlan plan = fleet.plan();
		String target = String.format(Locale.ROOT, "fleet of %d starter pools (`sizing=adaptive`, "
				+ "`pool.postgres.budget=%s`): connections on the server within the fleet budget at every sample",
				plan.instances(), Report.num(plan.budget(), 2));
		List<FleetRound> rounds = fleet.rounds();
		if (rounds.isEmpty() || rounds.stream().allMatch((round) -> round.samples().isEmpty())) {
			return new Targets.Outcome(target, "not measured: no sample", Verdict.NOT_MEASURED);
		}
		long over = rounds.stream().filter((round) -> !round.withinBudget()).count();
		int converged = 0;
		int pools = 0;
		for (FleetRound round : rounds) {
			for (int i = 0; i < round.instances().size(); i++) {
				pools++;
				converged += round.convergence(i, plan.settle()).converged() ? 1 : 0;
			}
		}
		String measured = String.format(Locale.ROOT, "budget %s connections; largest fleet total %s, above the "
				+ "budget in %d of %d rounds; pools settled (no size change in the last %d s): %d of %d",
				budgets(rounds), Report.range(fleet.largestTotal(), 0, ""), over, rounds.size(), plan.settle(),
				converged, pools);
		return new Targets.Outcome(target, measured, fleet.budgetVerdict());
	}

	private static String budgets(List<FleetRound> rounds) {
		return Report.range(Spread.of(rounds.stream().map((round) -> (double) round.budget()).toList()), 0, "");
	}

	/**
	 * Return a spread of seconds, infinite ones (never reached) as {@code never}.
	 * @param spread the seconds
	 * @return the text
	 */
	static String seconds(Spread spread) {
		if (!spread.measured()) {
			return "–";
		}
		String median = second(spread.median());
		String min = second(spread.min());
		String max = second(spread.max());
		return min.equals(max) ? median : median + " (" + min + "–" + max + ")";
	}

	private static String second(double value) {
		return Double.isInfinite(value) ? "never" : Report.num(value, 0) + " s";
	}

	private record Part(String text, Verdict verdict) {
	}

}
