package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results' notes on the sizing, all computed from the run: the sizes of the sweep
 * that meet the target against the oracle at each client count (at least 95 % of its
 * throughput and p99 at most 1.2 x in every round), the verdict on the starter's size,
 * and at the oracle how long a transaction held its connection against the CPU it used,
 * with the size that ratio gives ({@code cores x (1 + waits / CPU)}, of which the
 * formula's {@code cores x 2} is the case of waits equal to CPU).
 *
 * @author pool-starter
 */
final class SizingNotes {

	private final BenchResults results;

	SizingNotes(BenchResults results) {
		this.results = results;
	}

	/**
	 * Return the sizes of the sweep with the given verdict against the oracle.
	 * @param sweep the sweep at one client count
	 * @param oracle the oracle there
	 * @param verdict the verdict
	 * @return the sizes, smallest first
	 */
	static List<Integer> band(List<Series> sweep, Series oracle, Verdict verdict) {
		return sweep.stream()
			.filter((series) -> Targets.versusOracle(series, oracle).verdict() == verdict)
			.map(Series::size)
			.sorted()
			.toList();
	}

	/**
	 * Return the CPU a transaction used, the clients' and the server's together.
	 * @param stats a run
	 * @param cores the cores
	 * @return milliseconds of CPU per transaction, or {@code NaN} when unknown
	 */
	static double cpuMillis(RunStats stats, int cores) {
		double share = stats.cpu().clients() + stats.cpu().server();
		return (stats.tps() > 0) ? share * cores * 1000 / stats.tps() : Double.NaN;
	}

	/**
	 * Return the size that keeps the cores busy when each transaction holds its
	 * connection for its CPU time and its waits: {@code cores x held / CPU}.
	 * @param stats a run
	 * @param cores the cores
	 * @return the size, or {@code NaN} when unknown
	 */
	static double waitAwareSize(RunStats stats, int cores) {
		return cores * stats.meanHeldMillis() / cpuMillis(stats, cores);
	}

	void appendTo(StringBuilder out) {
		int cores = this.results.facts().cores();
		int starter = this.results.starterSize();
		Targets targets = new Targets(this.results);
		out.append("## Notes on the sizing\n\n");
		out.append(String.format(Locale.ROOT, "The starter chose %d: %s.%n%n", starter, this.results.starterReason()));
		out.append("| clients | oracle size | sizes meeting the target | inconclusive | the starter's size | held per "
				+ "transaction at the oracle | CPU per transaction (clients + server) | waits / CPU "
				+ "| cores x (1 + waits / CPU) |\n");
		out.append("|---|---|---|---|---|---|---|---|---|\n");
		List<String> starterVerdicts = new ArrayList<>();
		for (int clients : this.results.runs().keySet()) {
			Optional<Series> oracle = this.results.oracle(clients);
			List<Integer> met = oracle.map((o) -> band(this.results.sweep(clients), o, Verdict.MET)).orElse(List.of());
			List<Integer> inconclusive = oracle.map((o) -> band(this.results.sweep(clients), o, Verdict.INCONCLUSIVE))
				.orElse(List.of());
			Verdict starterVerdict = targets.versusOracle(clients, BenchMain.STARTER)
				.map(Targets.Comparison::verdict)
				.orElse(Verdict.NOT_MEASURED);
			starterVerdicts.add(clients + " clients: " + starterVerdict.label());
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", clients,
					oracle.map((o) -> Integer.toString(o.size())).orElse("–"), describe(met), describe(inconclusive),
					starterVerdict.label(),
					oracle.map((o) -> Report.num(o.spread(RunStats::meanHeldMillis).median(), 2) + " ms").orElse("–"),
					oracle.map((o) -> Report.num(o.spread((stats) -> cpuMillis(stats, cores)).median(), 3) + " ms")
						.orElse("–"),
					oracle.map((o) -> Report.num(o.spread((stats) -> waitsPerCpu(stats, cores)).median(), 1))
						.orElse("–"),
					oracle.map((o) -> Report.num(o.spread((stats) -> waitAwareSize(stats, cores)).median(), 0))
						.orElse("–")));
		}
		out.append('\n');
		out.append("Medians over the oracle's rounds. A transaction's waits are the time it held its connection less "
				+ "the CPU it used; cores x (1 + waits / CPU) is the size that keeps the cores busy if every "
				+ "transaction holds its connection that long (the formula's cores x 2 is the case of waits equal to "
				+ "CPU).\n\n");
		out.append(String.format(Locale.ROOT, "The starter's size, %d, against the target: %s.%n", starter,
				String.join("; ", starterVerdicts)));
	}

	private static double waitsPerCpu(RunStats stats, int cores) {
		return stats.meanHeldMillis() / cpuMillis(stats, cores) - 1;
	}

	static String describe(List<Integer> sizes) {
		return sizes.isEmpty() ? "none" : sizes.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

}
