package dev.poolstarter.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlineTests {

	@Test
	void headlineStartsWithTheCommandThatProducedIt() {
		String headline = Headline.render(Runs.results());
		assertThat(headline).startsWith("`" + Runs.COMMAND + "`, 2026-12-01, quick run: 3 rounds, each running every "
				+ "configuration at every client count once, in alternating order; 2 cores shared by the clients and "
				+ "PostgreSQL 15.20; 1.0 ms of `pg_sleep` per transaction.");
	}

	@Test
	void headlineNamesTheOracleAtEveryClientCount() {
		assertThat(Headline.render(Runs.results())).contains("The oracle, the size of the sweep with the best median "
				+ "throughput: 8 at 8 clients (3350 tps), 32 at 32 clients (9000 tps).");
	}

	@Test
	void headlineHasOneRowPerTargetWithItsVerdict() {
		String headline = Headline.render(Runs.results());
		assertThat(headline.lines().filter((line) -> line.startsWith("| ")).toList()).hasSize(10);
		assertThat(headline).contains("| starter `auto` (4): >= 95 % of the oracle's throughput, p99 <= 1.20 x the "
				+ "oracle's, no timeouts | 8 clients: 50 % (47–51 %), p99 1.00 x: **not met**; 32 clients: "
				+ "19 %, p99 1.00 x: **not met** | **not met** |\n");
		assertThat(headline).contains("| starter `adaptive`: >= 95 % of the oracle's throughput, p99 <= 1.20 x the "
				+ "oracle's, no timeouts | not run (not in `--configs`) | not measured |\n");
		assertThat(headline).contains("| Spring Boot default (10): >= 95 % of the oracle's throughput, p99 <= 1.20 x "
				+ "the oracle's, no timeouts | 8 clients: 99 % (91–101 %), p99 1.00 x: inconclusive; "
				+ "32 clients: 45 % (45–46 %), p99 1.00 x: **not met** | **not met** |\n");
		assertThat(headline).contains("| JDBC path through the starter's pool >= 70 % of pgbench's throughput, same SQL, "
				+ "same server connections | starter `auto` at 8 clients (4 connections) 1650 (1600–1700) tps / pgbench at "
				+ "4 clients 1730 (1700–1750) tps: 95 % (94–97 %) | met |\n");
		assertThat(headline).contains("| the sample starts within 10 % of plain Spring Boot | median 3.90 s with, 3.70 s "
				+ "without; per pair 1.05 x (1.03–1.11 x), 3 pairs | inconclusive |\n");
	}

	@Test
	void headlineHasNoLinksSoThatItReadsTheSameWhereverItIsCopied() {
		assertThat(Headline.render(Runs.results())).doesNotContain("](").doesNotContain("<a ");
	}

	@Test
	void reportOpensWithTheHeadline() {
		BenchResults results = Runs.results();
		String report = Report.render(results, "2026-12-01-quick.png");
		assertThat(report).startsWith("# Pool benchmark, 2026-12-01 (quick run)\n\n## Headline\n\n"
				+ Headline.render(results) + "\n## Machine and workload\n");
	}

	@Test
	void sizingNotesStateOnlyVerdictsComputedFromTheRun() {
		String report = Report.render(Runs.results(), "2026-12-01-quick.png");
		String notes = report.substring(report.indexOf("## Notes on the sizing"));
		assertThat(notes).contains("| 8 | 8 | 8 | none | **not met** |");
		assertThat(notes).endsWith("The starter's size, 4, against the target: 8 clients: **not met**; "
				+ "32 clients: **not met**.\n");
	}

}
