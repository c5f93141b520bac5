package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One configuration through a shifting scenario over the rounds of a run: one
 * {@link ScenarioRun} per round, in round order.
 *
 * @param config the configuration's label
 * @param size the static pool's size, 0 for the sizing controller
 * @param rounds the runs, one per round
 */
record ScenarioSeries(String config, int size, List<ScenarioRun> rounds) {

	boolean controller() {
		return this.size == 0;
	}

	Spread phase(int phase, ToDoubleFunction<PhaseStats> figure) {
		return Spread.of(this.rounds.stream().map((run) -> figure.applyAsDouble(run.phases().get(phase))).toList());
	}

	Spread total(ToDoubleFunction<PhaseStats> figure) {
		return Spread.of(this.rounds.stream().map((run) -> figure.applyAsDouble(run.total())).toList());
	}

	boolean cleanInEveryRound(int phase) {
		return this.rounds.stream().allMatch((run) -> run.phases().get(phase).clean() && run.note() == null);
	}

	boolean cleanInEveryRound() {
		return this.rounds.stream().allMatch((run) -> run.total().clean() && run.note() == null);
	}

	/**
	 * Return a figure of one phase against the same figure of another configuration,
	 * round by round.
	 * @param reference the other configuration
	 * @param phase the phase
	 * @param figure the figure
	 * @return the ratios' spread
	 */
	Spread ratio(ScenarioSeries reference, int phase, ToDoubleFunction<PhaseStats> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(this.rounds.size(), reference.rounds.size()); i++) {
			ratios.add(Oracle.ratio(figure.applyAsDouble(this.rounds.get(i).phases().get(phase)),
					figure.applyAsDouble(reference.rounds.get(i).phases().get(phase))));
		}
		return Spread.of(ratios);
	}

	/**
	 * Return a figure of the whole scenario against the same figure of another
	 * configuration, round by round.
	 * @param reference the other configuration
	 * @param figure the figure
	 * @return the ratios' spread
	 */
	Spread totalRatio(ScenarioSeries reference, ToDoubleFunction<PhaseStats> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(this.rounds.size(), reference.rounds.size()); i++) {
			ratios.add(Oracle.ratio(figure.applyAsDouble(this.rounds.get(i).total()),
					figure.applyAsDouble(reference.rounds.get(i).total())));
		}
		return Spread.of(ratios);
	}

}
