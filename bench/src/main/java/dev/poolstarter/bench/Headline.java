package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The headline of a run's results: the command that produced them, how it was run, the
 * oracle at each client count and the verdict on every target, in Markdown without links
 * so that it can be copied verbatim.
 *
 * @author pool-starter
 */
final class Headline {

	private Headline() {
	}

	static String render(BenchResults results) {
		StringBuilder out = new StringBuilder();
		BenchOptions options = results.options();
		MachineFacts facts = results.facts();
		out.append(String.format(Locale.ROOT, "`%s`, %s, %s: %d round%s, each running every configuration at every "
				+ "client count once, in alternating order; %d cores shared by the clients and PostgreSQL %s; "
				+ "%s ms of `pg_sleep` per transaction. Figures are medians over the rounds with the range "
				+ "(min–max) in brackets; ratios are taken within each round. A target is met when the whole range "
				+ "clears it, not met when none of it does, and inconclusive otherwise or with fewer than %d rounds.%n",
				options.command(), options.date(), options.quick() ? "quick run" : "full run", results.rounds(),
				(results.rounds() == 1) ? "" : "s", facts.cores(), facts.serverVersion().split(" ")[0],
				Report.num(options.workload().holdMillis(), 1), Verdict.MIN_ROUNDS));
		out.append(oracles(results)).append('\n');
		out.append('\n');
		out.append("| target | measured | verdict |\n");
		out.append("|---|---|---|\n");
		for (Targets.Outcome outcome : new Targets(results).outcomes()) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", outcome.target(),
					Report.escape(outcome.measured()), outcome.verdict().label()));
		}
		return out.toString();
	}

	private static String oracles(BenchResults results) {
		List<String> parts = new ArrayList<>();
		for (int clients : results.runs().keySet()) {
			Optional<Series> oracle = results.oracle(clients);
			parts.add(oracle.map((o) -> String.format(Locale.ROOT, "%d at %d clients (%s tps)", o.size(), clients,
					Report.num(o.tps().median(), 0))).orElse("none at " + clients + " clients (every size failed)"));
		}
		if (parts.isEmpty() || results.runs().keySet().stream().allMatch((clients) -> results.sweep(clients).isEmpty())) {
			return "The oracle (the best size of the sweep) was not measured: the sweep is not in `--configs`.";
		}
		return "The oracle, the size of the sweep with the best median throughput: " + String.join(", ", parts) + ".";
	}

}
