package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The shifting scenario in one server regime over the rounds of a run: the sizing
 * controller and every static size through the same phases, with what the targets
 * compare: each phase's best static size, the best single static size in hindsight, and
 * the controller against them round by round.
 *
 * @param regime the server regime
 * @param scenario the phases as run in that regime
 * @param series the controller (if run) and the static sizes, in the order of the report
 */
record ShiftingResult(Regime regime, Scenario scenario, List<ScenarioSeries> series) {

	static final double REACH = 0.95;

	Optional<ScenarioSeries> controller() {
		return this.series.stream().filter(ScenarioSeries::controller).findFirst();
	}

	List<ScenarioSeries> statics() {
		return this.series.stream().filter((series) -> !series.controller()).toList();
	}

	/**
	 * Return the static size with the best median throughput in a phase, among those
	 * without timeouts or errors there in any round (all with transactions when none is),
	 * the smaller on a tie; none in an idle phase.
	 * @param phase the phase
	 * @return the best static size there
	 */
	Optional<ScenarioSeries> bestStatic(int phase) {
		if (this.scenario.phases().get(phase).idle()) {
			return Optional.empty();
		}
		return best((series) -> series.cleanInEveryRound(phase), (series) -> series.phase(phase, PhaseStats::tps));
	}

	/**
	 * Return the best single static size in hindsight: the one with the best median
	 * throughput over the whole scenario, chosen the same way as {@link #bestStatic}.
	 * @return the best static size over the whole scenario
	 */
	Optional<ScenarioSeries> hindsightBest() {
		return best(ScenarioSeries::cleanInEveryRound, (series) -> series.total(PhaseStats::tps));
	}

	private Optional<ScenarioSeries> best(Predicate<ScenarioSeries> clean,
			Function<ScenarioSeries, Spread> tps) {
		List<ScenarioSeries> statics = statics();
		List<ScenarioSeries> candidates = statics.stream().filter(clean).toList();
		if (candidates.isEmpty()) {
			candidates = statics.stream().filter((series) -> tps.apply(series).median() > 0).toList();
		}
		return candidates.stream()
			.max(Comparator.comparingDouble((ScenarioSeries series) -> tps.apply(series).median())
				.thenComparing(Comparator.comparingInt(ScenarioSeries::size).reversed()));
	}

	/**
	 * Return the controller's throughput over the whole scenario against the best static
	 * size in hindsight's, round by round.
	 * @return the ratios, not measured when either is missing
	 */
	Spread totalRatio() {
		return versus(hindsightBest(), (controller, best) -> controller.totalRatio(best, PhaseStats::tps));
	}

	/**
	 * Return a figure of the controller in a phase against the phase's best static size,
	 * round by round.
	 * @param phase the phase
	 * @param figure the figure
	 * @return the ratios, not measured when either is missing
	 */
	Spread phaseRatio(int phase, ToDoubleFunction<PhaseStats> figure) {
		return versus(bestStatic(phase), (controller, best) -> controller.ratio(best, phase, figure));
	}

	/**
	 * Return how long the controller took in a phase to reach {@link #REACH} of the
	 * phase's best static throughput of the same round, by {@link Reach}.
	 * @param phase the phase
	 * @return the seconds from the phase's start, one per round (infinite when not
	 * reached), not measured when either is missing
	 */
	Spread timeToReach(int phase) {
		return versus(bestStatic(phase), (controller, best) -> {
			List<Double> seconds = new ArrayList<>();
			for (int i = 0; i < Math.min(controller.rounds().size(), best.rounds().size()); i++) {
				double threshold = REACH * best.rounds().get(i).phases().get(phase).tps();
				seconds.add(Reach.secondsToReach(controller.rounds().get(i).perSecond(), this.scenario.start(phase),
						this.scenario.phases().get(phase).seconds(), threshold));
			}
			return Spread.of(seconds);
		});
	}

	private Spread versus(Optional<ScenarioSeries> reference,
			BiFunction<ScenarioSeries, ScenarioSeries, Spread> ratio) {
		Optional<ScenarioSeries> controller = controller();
		if (controller.isEmpty() || reference.isEmpty()) {
			return Spread.of(List.of());
		}
		return ratio.apply(controller.get(), reference.get());
	}

	int rounds() {
		return this.series.stream().mapToInt((series) -> series.rounds().size()).max().orElse(0);
	}

}
