package dev.poolstarter.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run of {@code bench/run.sh} measured.
 *
 * @param options what was run
 * @param facts the machine and the server
 * @param starterSize the pool size the starter chose
 * @param starterReason how it chose it
 * @param runs the workload's series by client count, in the order of the configurations
 * @param pgbench pgbench's series, by client count
 * @param hotPath the JMH hot-path figures
 * @param startup the sample application's start-up times
 * @param elapsed how long the workload and pgbench took
 */
record BenchResults(BenchOptions options, MachineFacts facts, int starterSize, String starterReason,
		Map<Integer, List<Series>> runs, List<PgbenchSeries> pgbench, HotPathResult hotPath, StartupResult startup,
		Duration elapsed) {

	Optional<Series> oracle(int clients) {
		return Oracle.pick(sweep(clients));
	}

	List<Series> sweep(int clients) {
		return this.runs.get(clients).stream().filter(Series::sweep).toList();
	}

	Optional<Series> config(int clients, String label) {
		return this.runs.get(clients).stream().filter((series) -> series.config().equals(label)).findFirst();
	}

	boolean ran(String label) {
		return this.runs.keySet().stream().anyMatch((clients) -> config(clients, label).isPresent());
	}

	Optional<PgbenchSeries> pgbench(int clients) {
		return this.pgbench.stream().filter((series) -> series.clients() == clients).findFirst();
	}

	/**
	 * Return pgbench's best client count.
	 * @return the series with the highest median throughput
	 */
	Optional<PgbenchSeries> bestPgbench() {
		return this.pgbench.stream()
			.filter((series) -> series.tps().measured())
			.max(Comparator.comparingDouble((PgbenchSeries series) -> series.tps().median()));
	}

	int rounds() {
		return this.options.repeats();
	}

}
