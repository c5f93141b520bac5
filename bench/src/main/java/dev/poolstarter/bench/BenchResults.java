package dev.poolstarter.bench;

import java.time.Duration;
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
 * @param runs the workload's runs by client count
 * @param pgbench pgbench's runs
 * @param hotPath the JMH hot-path figures
 * @param startup the sample application's start-up times
 * @param elapsed how long the workload and pgbench took
 */
record BenchResults(BenchOptions options, MachineFacts facts, int starterSize, String starterReason,
		Map<Integer, List<RunStats>> runs, List<PgbenchResult> pgbench, HotPathResult hotPath, StartupResult startup,
		Duration elapsed) {

	Optional<RunStats> oracle(int clients) {
		return Oracle.pick(sweep(clients));
	}

	List<RunStats> sweep(int clients) {
		return this.runs.get(clients).stream().filter((stats) -> stats.config().startsWith("size ")).toList();
	}

	Optional<RunStats> config(int clients, String label) {
		return this.runs.get(clients).stream().filter((stats) -> stats.config().equals(label)).findFirst();
	}

	Optional<PgbenchResult> bestPgbench() {
		return this.pgbench.stream()
			.filter((result) -> result.note() == null)
			.max((a, b) -> Double.compare(a.tps(), b.tps()));
	}

	/**
	 * Return the best JDBC run over all client counts and configurations.
	 * @return the run with the highest throughput without timeouts or errors
	 */
	Optional<RunStats> bestJdbc() {
		return Oracle.pick(this.runs.values().stream().flatMap(List::stream).toList());
	}

}
