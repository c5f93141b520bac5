package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One configuration at one client count over the rounds of a run: one {@link RunStats}
 * per round, in round order (a run that did not start is there too, without
 * transactions).
 *
 * @param config the configuration's label
 * @param clients the concurrent clients
 * @param rounds the runs, one per round
 */
record Series(String config, int clients, List<RunStats> rounds) {

	boolean sweep() {
		return this.config.startsWith("size ");
	}

	/**
	 * Return the configured size: the plain pool's size, or the starter's size in the
	 * first round.
	 * @return the size
	 */
	int size() {
		return this.rounds.get(0).poolSize();
	}

	Spread spread(ToDoubleFunction<RunStats> figure) {
		return Spread.of(this.rounds.stream().map(figure::applyAsDouble).toList());
	}

	Spread tps() {
		return spread(RunStats::tps);
	}

	int cleanRounds() {
		return (int) this.rounds.stream().filter(RunStats::clean).count();
	}

	boolean cleanInEveryRound() {
		return cleanRounds() == this.rounds.size();
	}

	long timeouts() {
		return this.rounds.stream().mapToLong(RunStats::timeouts).sum();
	}

	long errors() {
		return this.rounds.stream().mapToLong(RunStats::errors).sum();
	}

	/**
	 * Return a figure of this series against the same figure of another, round by round:
	 * both were measured in the same round, minutes apart at most, so that a drift of a
	 * shared machine between rounds moves both.
	 * @param reference the other series
	 * @param figure the figure
	 * @return the ratios' spread; rounds where either side is missing are left out
	 */
	Spread ratio(Series reference, ToDoubleFunction<RunStats> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(this.rounds.size(), reference.rounds.size()); i++) {
			ratios.add(Oracle.ratio(figure.applyAsDouble(this.rounds.get(i)),
					figure.applyAsDouble(reference.rounds.get(i))));
		}
		return Spread.of(ratios);
	}

}
