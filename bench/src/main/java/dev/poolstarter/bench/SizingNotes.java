package dev.poolstarter.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results' notes on the sizing: the band of pool sizes that meets the target at each
 * client count (at least 95 % of the oracle's throughput, p99 at most 1.2 x), whether the
 * starter's size falls in every band, and what the run says about the formula's
 * assumption: at the oracle, how long a transaction held its connection against the CPU
 * it used, and the size that ratio gives ({@code cores x (1 + waits / CPU)}, of which the
 * formula's {@code cores x 2} is the case of waits equal to CPU).
 *
 * @author pool-starter
 */
final class SizingNotes {

	private final BenchResults results;

	SizingNotes(BenchResults results) {
		this.results = results;
	}

	static List<Integer> band(List<RunStats> sweep, RunStats oracle) {
		return sweep.stream()
			.filter(RunStats::clean)
			.filter((stats) -> stats.tps() >= Report.AUTO_TPS_TARGET * oracle.tps()
					&& stats.p99Millis() <= Report.AUTO_P99_TARGET * oracle.p99Millis())
			.map(RunStats::poolSize)
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
		out.append("## Notes on the sizing\n\n");
		out.append(String.format(Locale.ROOT, "The starter chose %d: %s.%n%n", starter, this.results.starterReason()));
		out.append("| clients | oracle size | sizes meeting the target | starter's size in it | held per transaction "
				+ "at the oracle | CPU per transaction (clients + server) | waits / CPU | cores x (1 + waits / CPU) |\n");
		out.append("|---|---|---|---|---|---|---|---|\n");
		boolean inEveryBand = true;
		for (int clients : this.results.runs().keySet()) {
			Optional<RunStats> oracle = this.results.oracle(clients);
			List<Integer> band = oracle.map((o) -> band(this.results.sweep(clients), o)).orElse(List.of());
			inEveryBand &= band.contains(starter);
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |%n", clients,
					oracle.map((o) -> Integer.toString(o.poolSize())).orElse("–"), describe(band),
					band.contains(starter) ? "yes" : "**no**",
					oracle.map((o) -> Report.num(o.meanHeldMillis(), 2) + " ms").orElse("–"),
					oracle.map((o) -> Report.num(cpuMillis(o, cores), 3) + " ms").orElse("–"),
					oracle.map((o) -> Report.num(o.meanHeldMillis() / cpuMillis(o, cores) - 1, 1)).orElse("–"),
					oracle.map((o) -> Report.num(waitAwareSize(o, cores), 0)).orElse("–")));
		}
		out.append('\n');
		out.append(String.format(Locale.ROOT, "The formula gives a connection to each core twice over (cores x 2 = %d "
				+ "here, plus spindles for disk waits): it assumes a transaction waits about as long as it computes. "
				+ "Here a transaction held its connection far longer than the CPU it used (the columns above: the "
				+ "server-side hold of %s ms, the commit's WAL flush and one round trip per statement are waits, and "
				+ "the clients' CPU competes with the server's on the same cores), so the cores stay busy only with "
				+ "about cores x (1 + waits / CPU) connections, which is where the oracle lies when the clients "
				+ "outnumber it (at the oracle the time held also includes waiting for a core, so the ratio is an "
				+ "upper bound).%n%n", 2 * cores, Report.num(this.results.options().workload().holdMillis(), 1)));
		out.append(verdict(inEveryBand, cores));
		out.append("Points closer than a few percent are within the noise of a shared machine (\"others busy\" and "
				+ "the CPU column's \"other\" show what else ran).\n");
	}

	private String verdict(boolean inEveryBand, int cores) {
		if (inEveryBand) {
			return "Verdict: the starter's size meets the target at every client count here; no change is needed.\n\n";
		}
		return String.format(Locale.ROOT, "Verdict: the default misses the target here. A static default cannot close "
				+ "it: the waits per transaction are the service's (its hold time, its statements), unknown at start-up, "
				+ "and they move the best size by several times on the same server (compare a run with --hold-ms=%s), "
				+ "while a default large enough for this workload would oversize database-bound fleets against the "
				+ "fleet budget (%d usable connections here). Close it with the adaptive mode: start from the formula "
				+ "and size by the measured waits (Little's law on the pool's own usage, borrows per second x mean "
				+ "time held, grown while borrowers wait and the time held has not inflated, within the fleet budget). "
				+ "Until then `pool.postgres.spindles` set to the oracle's size minus %d reproduces the oracle for "
				+ "this workload on this machine.%n%n",
				(this.results.options().workload().holdMillis() > 0) ? "0" : "1",
				(int) Math.floor(0.8 * (this.results.facts().maxConnections() - this.results.facts().reservedConnections())),
				2 * cores);
	}

	static String describe(List<Integer> sizes) {
		return sizes.isEmpty() ? "none" : sizes.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

}
