package dev.poolstarter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scenario mode runs, from {@code bench/run.sh --scenario=...}'s
 * {@code --name=value} arguments; {@code --quick} changes the defaults to a smoke run of
 * 20-second phases, 3 static sizes of at most 32 connections, 1 round, 1 regime and a short
 * fleet of 3 instances.
 *
 * @param quick whether this is a smoke run
 * @param repeats the rounds: each runs every configuration through the scenario once in
 * every regime, and the fleet once
 * @param scenarios which scenarios to run: shifting, fleet, probes
 * @param regimes the server regimes of the shifting scenario
 * @param scenario the shifting scenario's phases, as given (the server-bound regime)
 * @param waitBoundHoldMillis the smallest hold of every phase in the wait-bound regime
 * @param sizes the static pool sizes run through the scenario
 * @param starterStatics whether the static sizes are the starter's pool with fixed
 * sizing ({@code --static-pools=starter}) instead of plain HikariCP pools
 * @param jvmWarmup the workload run once before the first measured run, for the JIT
 * @param rows rows in the workload's table
 * @param fleet the fleet scenario
 * @param probe the probe scenario
 * @param jmhCsv JMH's result
 * @param resultsDirectory where the results go
 * @param date the results' date
 * @param name the results' file name, without extension
 * @param command the command line, for the results
 * @param starterProperties extra properties for the starter's contexts
 */
record ScenarioOptions(boolean quick, int repeats, List<String> scenarios, List<Regime> regimes, Scenario scenario,
		double waitBoundHoldMillis, List<Integer> sizes, boolean starterStatics, Duration jvmWarmup, int rows,
		FleetPlan fleet, ProbePlan probe, Path jmhCsv, Path resultsDirectory, String date, String name, String command,
		Map<String, String> starterProperties) {

	static final List<String> SCENARIOS = List.of("shifting", "fleet", "probes");

	static ScenarioOptions parse(String... args) {
		Map<String, String> starterProperties = new LinkedHashMap<>();
		Map<String, String> values = BenchOptions.values(args, starterProperties);
		boolean quick = Boolean.parseBoolean(values.getOrDefault("quick", "false"));
		List<String> scenarios = BenchOptions.words(values.getOrDefault("scenario", "shifting,fleet").replace(',', ' '));
		scenarios.stream().filter((scenario) -> !SCENARIOS.contains(scenario)).findFirst().ifPresent((unknown) -> {
			throw new IllegalArgumentException("Unknown scenario '" + unknown + "': use " + String.join(", ", SCENARIOS));
		});
		int repeats = Integer.parseInt(values.getOrDefault("repeats", quick ? "1" : "3"));
		if (repeats < 1) {
			throw new IllegalArgumentException("--repeats=" + repeats + " must be at least 1");
		}
		String regimes = values.getOrDefault("regimes",
				values.getOrDefault("regime", quick ? "server-bound" : "server-bound,wait-bound"));
		Scenario scenario = Scenario.parse(values.getOrDefault("phases", Scenario.DEFAULT_PHASES),
				Integer.parseInt(values.getOrDefault("phase-seconds", quick ? "20" : "25")));
		FleetPlan fleet = new FleetPlan(Integer.parseInt(values.getOrDefault("fleet-instances", quick ? "3" : "4")),
				Integer.parseInt(values.getOrDefault("fleet-stagger", "10")),
				Integer.parseInt(values.getOrDefault("fleet-duration", quick ? "50" : "90")),
				Integer.parseInt(values.getOrDefault("fleet-clients", "16")),
				Double.parseDouble(values.getOrDefault("fleet-hold-ms", "1")),
				Double.parseDouble(values.getOrDefault("fleet-budget", "0.2")),
				Integer.parseInt(values.getOrDefault("fleet-settle", "10")));
		ProbePlan probe = ProbePlan.parse(values.getOrDefault("probe", "64:45"),
				values.getOrDefault("probe-load", "128x0"),
				Integer.parseInt(values.getOrDefault("probe-seconds", "3")),
				Integer.parseInt(values.getOrDefault("probe-pairs", quick ? "4" : "10")));
		String date = values.getOrDefault("date", LocalDate.now().toString());
		return new ScenarioOptions(quick, repeats, scenarios, Regime.list(regimes), scenario,
				Double.parseDouble(values.getOrDefault("wait-bound-hold-ms", "20")),
				BenchOptions.ints(values.getOrDefault("sizes", quick ? "4,16,32" : "4,8,16,32,64")),
				staticPools(values.getOrDefault("static-pools", "hikari")),
				BenchOptions.seconds(values.getOrDefault("jvm-warmup", quick ? "5" : "15")),
				Integer.parseInt(values.getOrDefault("rows", "10000")), fleet, probe,
				Path.of(values.getOrDefault("jmh-csv", "bench/target/jmh.csv")),
				Path.of(values.getOrDefault("results", "bench/results")), date,
				values.getOrDefault("name", date + "-" + String.join("-", scenarios) + (quick ? "-quick" : "")),
				values.getOrDefault("command", "bash bench/run.sh --scenario=" + String.join(",", scenarios)
						+ (quick ? " --quick" : "")),
				starterProperties);
	}

	private static boolean staticPools(String kind) {
		return switch (kind) {
			case "hikari" -> false;
			case "starter" -> true;
			default -> throw new IllegalArgumentException("Unknown --static-pools=" + kind + ": use hikari or starter");
		};
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	Workload workload() {
		return new Workload(this.rows, 0);
	}

}
