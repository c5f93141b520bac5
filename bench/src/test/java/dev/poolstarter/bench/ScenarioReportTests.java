package dev.poolstarter.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioReportTests {

	@Test
	void headlineStartsWithTheCommandAndHasOneRowPerTarget() {
		FleetPlan plan = new FleetPlan(2, 10, 30, 16, 1, 0.2, 10);
		FleetRound round = Scenarios.fleetRound(19, new int[] { 10, 17, 18 }, new int[][] { { 4, 4 }, { 4, 4 }, { 4, 4 } });
		ScenarioResults results = Scenarios.results(List.of(Scenarios.shifting(3)), new FleetResult(plan, List.of(round)));
		String headline = ScenarioReport.headline(results);
		assertThat(headline).startsWith("`bash bench/run.sh --scenario=shifting,fleet --quick`, 2026-12-06, quick run: "
				+ "1 round, each running the starter's adaptive pool and every static size through the shifting "
				+ "scenario once per regime (server-bound)");
		assertThat(headline.lines().filter((line) -> line.startsWith("| ")).toList()).hasSize(6);
		assertThat(headline).contains("| starter `adaptive`, shifting scenario, server-bound: throughput over the whole "
				+ "scenario >= 100 % of the best single static size in hindsight | best static in hindsight: size 32, 1560 "
				+ "tps; starter `adaptive` 1440 tps: 92 % | **not met** |\n");
		assertThat(headline).doesNotContain("](");
	}

	@Test
	void reportShowsEveryPhaseWithItsBestStaticSizeAndNoneForTheIdlePhase() {
		ScenarioResults results = Scenarios.results(List.of(Scenarios.shifting(3)), null);
		String report = ScenarioReport.render(results, "plot.png");
		assertThat(report).contains("## Shifting scenario, server-bound\n");
		assertThat(report).contains("| 1. 32 clients, 1 ms, 10 s | 8 (1000) | 1000 / 1000 / 1000 | 100 % | 1.00 x | 0 s |");
		assertThat(report).contains("| 2. idle, 5 s | – | 0 / 0 / 0 | – | – | – |");
		assertThat(report).contains("| 3. 128 clients, 0 ms, 10 s | 32 (3000) | 2600 / 2600 / 2600 | 87 % | 1.10 x | 3 s |");
		assertThat(report).contains("| **size 32 (best in hindsight)** | 1560 / 1560 / 1560 | 100 % |");
		assertThat(report).doesNotContain("## Fleet");
		assertThat(report).contains("Where the knee sat, from each phase's best static size (the server-bound regime "
				+ "means it to sit below the client count): below the client count in phases 1 (best 8, 32 clients); "
				+ "at or above it in phases none; not decided, the best being the largest size run (32) and below the "
				+ "client count, in phases 3 (best 32, 128 clients).");
	}

	@Test
	void kneeIsBelowTheClientsOnlyWhenALargerStaticSizeDidWorse() {
		assertThat(ScenarioReport.knee(16, 128, 64)).isEqualTo(ScenarioReport.Knee.BELOW);
		assertThat(ScenarioReport.knee(64, 128, 64)).isEqualTo(ScenarioReport.Knee.UNDECIDED);
		assertThat(ScenarioReport.knee(64, 64, 64)).isEqualTo(ScenarioReport.Knee.AT_OR_ABOVE);
		assertThat(ScenarioReport.knee(16, 8, 32)).isEqualTo(ScenarioReport.Knee.AT_OR_ABOVE);
	}

	@Test
	void fleetSectionLeavesOutTheStarterPropertiesTheFleetSetsItself() {
		FleetPlan plan = new FleetPlan(2, 10, 30, 16, 1, 0.2, 10);
		FleetRound round = Scenarios.fleetRound(19, new int[] { 10, 17, 18 }, new int[][] { { 4, 4 }, { 4, 4 }, { 4, 4 } });
		ScenarioOptions options = ScenarioOptions.parse("--scenario=fleet", "--quick",
				"--starter-property=pool.postgres.budget=0.4", "--starter-property=pool.postgres.adaptive.interval=1s");
		ScenarioResults results = new ScenarioResults(options, Runs.facts(), List.of(),
				new FleetResult(plan, List.of(round)), null, Runs.hotPath(), Duration.ofSeconds(60));
		String report = ScenarioReport.render(results, "plot.png");
		String fleet = report.substring(report.indexOf("## Fleet"));
		assertThat(fleet).contains("`pool.postgres.budget=0.20`, `pool.postgres.adaptive.interval=1s`, a distinct "
				+ "`pool.instance-id`");
		assertThat(fleet).doesNotContain("budget=0.4");
	}

}
