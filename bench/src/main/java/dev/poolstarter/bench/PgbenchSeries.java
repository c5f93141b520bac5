package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * pgbench at one client count over the rounds of a run, one result per round.
 *
 * @param clients pgbench's clients, each one server connection
 * @param rounds the results, one per round
 */
record PgbenchSeries(int clients, List<PgbenchResult> rounds) {

	Spread spread(ToDoubleFunction<PgbenchResult> figure) {
		return Spread.of(this.rounds.stream().map((result) -> measured(result, figure)).toList());
	}

	Spread tps() {
		return spread(PgbenchResult::tps);
	}

	long failed() {
		return this.rounds.stream().mapToLong(PgbenchResult::failed).sum();
	}

	/**
	 * Return a figure of the workload against pgbench's throughput, round by round.
	 * @param series the workload's runs, one per round
	 * @param figure the workload's figure
	 * @return the ratios' spread; rounds where either side is missing are left out
	 */
	Spread ratioOf(Series series, ToDoubleFunction<RunStats> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(this.rounds.size(), series.rounds().size()); i++) {
			ratios.add(Oracle.ratio(figure.applyAsDouble(series.rounds().get(i)),
					measured(this.rounds.get(i), PgbenchResult::tps)));
		}
		return Spread.of(ratios);
	}

	private static double measured(PgbenchResult result, ToDoubleFunction<PgbenchResult> figure) {
		return (result.note() == null) ? figure.applyAsDouble(result) : Double.NaN;
	}

}
