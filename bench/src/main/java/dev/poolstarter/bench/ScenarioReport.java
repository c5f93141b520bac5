package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Writes the scenario mode's results as Markdown: the headline with the verdict on every
 * target, the machine, per regime of the shifting scenario the phases with their best
 * static size and the controller against it, every configuration per phase and in total,
 * the fleet round by round, and the hot path; every verdict and every sentence about the
 * figures is computed from the run.
 *
 * @author pool-starter
 */
final class ScenarioReport {

	private final ScenarioResults results;

	private final StringBuilder out = new StringBuilder();

	private ScenarioReport(ScenarioResults results) {
		this.results = results;
	}

	static void write(ScenarioResults results, Path file, String plotName) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, render(results, plotName));
	}

	static String render(ScenarioResults results, String plotName) {
		return new ScenarioReport(results).render(plotName);
	}

	/**
	 * Return the headline: the command, how it was run and one row per target, in
	 * Markdown without links so that it can be copied verbatim.
	 * @param results the results
	 * @return the headline
	 */
	static String headline(ScenarioResults results) {
		ScenarioOptions options = results.options();
		StringBuilder out = new StringBuilder();
		List<String> runs = new ArrayList<>();
		if (options.runs("shifting")) {
			runs.add("the starter's adaptive pool and every static size through the shifting scenario once per regime ("
					+ options.regimes().stream().map(Regime::label).collect(Collectors.joining(", "))
					+ "), in alternating order");
		}
		if (options.runs("fleet")) {
			runs.add("the fleet once");
		}
		if (options.runs("probes")) {
			runs.add("the probe comparison once");
		}
		out.append(String.format(Locale.ROOT, "`%s`, %s, %s: %d round%s, each running %s; %d cores shared by the "
				+ "clients and PostgreSQL %s. Figures are medians over the rounds with the range (min–max) in brackets; "
				+ "ratios are taken within each round. A target is met when the whole range clears it, not met when "
				+ "none of it does, and inconclusive otherwise or with fewer than %d rounds.%n", options.command(),
				options.date(), options.quick() ? "quick run" : "full run", options.repeats(),
				(options.repeats() == 1) ? "" : "s", String.join(", and ", runs), results.facts().cores(),
				results.facts().serverVersion().split(" ")[0], Verdict.MIN_ROUNDS));
		out.append('\n');
		out.append("| target | measured | verdict |\n");
		out.append("|---|---|---|\n");
		for (Targets.Outcome outcome : new ScenarioTargets(results).outcomes()) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", outcome.target(),
					Report.escape(outcome.measured()), outcome.verdict().label()));
		}
		return out.toString();
	}

	private String render(String plotName) {
		ScenarioOptions options = this.results.options();
		line("# Pool benchmark: scenarios, %s%s", options.date(), options.quick() ? " (quick run)" : "");
		line("");
		line("## Headline");
		line("");
		this.out.append(headline(this.results));
		line("");
		machine();
		if (!this.results.shifting().isEmpty() || this.results.fleet() != null) {
			line("![Throughput per second and pool sizes against time; phase boundaries and instance starts marked](%s)",
					plotName);
			line("");
		}
		this.results.shifting().forEach(this::shifting);
		fleet();
		probes();
		Report.hotPath(this.out, this.results.hotPath());
		return this.out.toString();
	}

	private void machine() {
		MachineFacts facts = this.results.facts();
		ScenarioOptions options = this.results.options();
		line("## Machine and workload");
		line("");
		line("- %d cores (%s), shared by the clients and the server; load average %s at the start; %s.", facts.cores(),
				facts.cpu(), facts.loadAverage(), facts.java());
		line("- PostgreSQL %s, max_connections %d (%d reserved for superusers), synchronous_commit %s; %d other "
				+ "client sessions at the start (the server is shared).", facts.serverVersion(), facts.maxConnections(),
				facts.reservedConnections(), facts.synchronousCommit(), facts.otherSessions());
		line("- Transaction: %s, with each phase's hold.",
				options.workload().describe().replaceAll("pg_sleep\\([^)]*\\)", "pg_sleep(hold)"));
		List<String> steps = new ArrayList<>();
		if (options.runs("shifting")) {
			steps.add("in each regime, the starter's adaptive pool and every static size through the whole "
					+ "scenario, one after the other, in the order of the tables below in odd rounds and in reverse "
					+ "in even ones");
		}
		if (options.runs("fleet")) {
			steps.add("the fleet");
		}
		if (options.runs("probes")) {
			steps.add("the four pools of the probe comparison, in reverse order in even rounds");
		}
		line("- %d round%s (`--repeats`), %s of scenarios. Each round runs %s.", options.repeats(),
				(options.repeats() == 1) ? "" : "s", Report.minutes(this.results.elapsed().toSeconds()),
				String.join(", then ", steps));
		if (options.runs("shifting")) {
			line("- The starter's adaptive pool: `pool.profile=prod`, `pool.postgres.sizing=adaptive`, "
					+ "`pool.postgres.max-connections=auto` (the formula is where it starts)%s. The static sizes: %s. "
					+ "A fresh pool for each run, kept across the phases.", starterProperties(List.of()),
					options.starterStatics() ? "the starter's pool with `pool.postgres.sizing=fixed` and "
							+ "`pool.postgres.max-connections` of that size, the same properties otherwise "
							+ "(`--static-pools=starter`)"
							: "a plain HikariDataSource of that fixed size, HikariCP's defaults otherwise");
			line("- Clients are threads in a closed loop (borrow, transaction, close); at each phase boundary the "
					+ "clients beyond the phase's count stop after their transaction and the phase's hold applies to the "
					+ "next transaction. A transaction counts in the phase and the second in which it ends. Latency is "
					+ "borrow to close. Pool sizes are the HikariCP MXBean's maximum pool size, read every %d ms.",
					PoolSizeSampler.INTERVAL.toMillis());
			line("- Time to %s: the first second of a phase from which the %d s moving average of the per-second "
					+ "throughput (seconds s to s + %d) stays at or above %s of the phase's best static size's throughput "
					+ "of the same round until the phase's end; \"never\" when it does not.", Report.pct(ShiftingResult.REACH),
					Reach.WINDOW, Reach.WINDOW - 1, Report.pct(ShiftingResult.REACH));
			line("- The best static size of a phase, and the best single static size in hindsight over the whole "
					+ "scenario, have the best median throughput without timeouts or errors in any round (the smaller "
					+ "size on a tie).");
		}
		line("");
	}

	private String starterProperties(List<String> overridden) {
		String properties = this.results.options()
			.starterProperties()
			.entrySet()
			.stream()
			.filter((entry) -> !overridden.contains(entry.getKey()))
			.map((entry) -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
			.collect(Collectors.joining(", "));
		return properties.isEmpty() ? "" : ", " + properties;
	}

	private void shifting(ShiftingResult shifting) {
		line("## Shifting scenario, %s", shifting.regime().label());
		line("");
		line("%s: %s.", (shifting.regime() == Regime.WAIT_BOUND) ? String.format(Locale.ROOT,
				"Every hold raised to at least %s ms, so that the waits bound the throughput",
				Report.num(this.results.options().waitBoundHoldMillis(), 0)) : "The phases as given",
				shifting.scenario().describe());
		line("");
		phases(shifting);
		configurations(shifting);
		regimeNote(shifting);
	}

	private void phases(ShiftingResult shifting) {
		Optional<ScenarioSeries> controller = shifting.controller();
		line("| phase | best static size (tps) | starter `adaptive` tps per round | / best static | p99 / best "
				+ "static | time to %s | adaptive size: min–max (last), median round | timeouts / errors |",
				Report.pct(ShiftingResult.REACH));
		line("|---|---|---|---|---|---|---|---|");
		Scenario scenario = shifting.scenario();
		for (int phase = 0; phase < scenario.phases().size(); phase++) {
			int index = phase;
			Optional<ScenarioSeries> best = shifting.bestStatic(phase);
			line("| %d. %s, %d s | %s | %s | %s | %s | %s | %s | %s |", phase + 1, scenario.phases().get(phase).label(),
					scenario.phases().get(phase).seconds(),
					best.map((b) -> b.size() + " (" + Report.range(b.phase(index, PhaseStats::tps), 0, "") + ")")
						.orElse("–"),
					controller.map((c) -> perRound(c, index)).orElse("not run"),
					best.isPresent() ? Report.pctRange(shifting.phaseRatio(phase, PhaseStats::tps)) : "–",
					best.isPresent() ? Report.timesRange(shifting.phaseRatio(phase, PhaseStats::p99Millis)) : "–",
					best.isPresent() ? ScenarioTargets.seconds(shifting.timeToReach(phase)) : "–",
					controller.map((c) -> sizes(c, scenario, index)).orElse("–"),
					controller.map((c) -> failures(c, index)).orElse("–"));
		}
		line("");
	}

	private static String perRound(ScenarioSeries series, int phase) {
		return series.rounds()
			.stream()
			.map((run) -> Report.num(run.phases().get(phase).tps(), 0))
			.collect(Collectors.joining(" / "));
	}

	// the round whose throughput over the whole scenario is the median one
	private static String sizes(ScenarioSeries series, Scenario scenario, int phase) {
		List<ScenarioRun> sorted = new ArrayList<>(series.rounds());
		sorted.sort((a, b) -> Double.compare(a.total().tps(), b.total().tps()));
		ScenarioRun median = sorted.get(sorted.size() / 2);
		ScenarioRun.SizeRange range = median.sizes(scenario.start(phase),
				scenario.start(phase) + scenario.phases().get(phase).seconds());
		return (range.max() == 0) ? "–" : range.min() + "–" + range.max() + " (" + range.last() + ")";
	}

	private static String failures(ScenarioSeries series, int phase) {
		return series.rounds().stream().mapToLong((run) -> run.phases().get(phase).timeouts()).sum() + " / "
				+ series.rounds().stream().mapToLong((run) -> run.phases().get(phase).errors()).sum();
	}

	private void configurations(ShiftingResult shifting) {
		Optional<ScenarioSeries> hindsight = shifting.hindsightBest();
		List<String> header = new ArrayList<>(List.of("config", "total tps per round", "/ best in hindsight",
				"p99 ms", "timeouts / errors"));
		for (int phase = 0; phase < shifting.scenario().phases().size(); phase++) {
			header.add("phase " + (phase + 1) + ": tps, p99 ms");
		}
		line("| %s |", String.join(" | ", header));
		line("|%s", "---|".repeat(header.size()));
		for (ScenarioSeries series : shifting.series()) {
			boolean best = hindsight.isPresent() && hindsight.get() == series;
			List<String> cells = new ArrayList<>();
			cells.add(best ? "**" + series.config() + " (best in hindsight)**" : series.config());
			cells.add(series.rounds()
				.stream()
				.map((run) -> run.started() ? Report.num(run.total().tps(), 0) : "failed")
				.collect(Collectors.joining(" / ")));
			cells.add(hindsight.map((h) -> Report.pctRange(series.totalRatio(h, PhaseStats::tps))).orElse("–"));
			cells.add(Report.range(series.total(PhaseStats::p99Millis), 2, ""));
			cells.add(series.rounds().stream().mapToLong((run) -> run.total().timeouts()).sum() + " / "
					+ series.rounds().stream().mapToLong((run) -> run.total().errors()).sum());
			for (int phase = 0; phase < shifting.scenario().phases().size(); phase++) {
				cells.add(Report.num(series.phase(phase, PhaseStats::tps).median(), 0) + ", "
						+ Report.num(series.phase(phase, PhaseStats::p99Millis).median(), 1));
			}
			line("| %s |", String.join(" | ", cells));
		}
		List<String> notes = new ArrayList<>();
		for (ScenarioSeries series : shifting.series()) {
			for (int i = 0; i < series.rounds().size(); i++) {
				String note = series.rounds().get(i).note();
				if (note != null) {
					notes.add(series.config() + ", round " + (i + 1) + ": " + Report.cell(note));
				}
			}
		}
		if (!notes.isEmpty()) {
			line("");
			notes.forEach((note) -> line("- %s", note));
		}
		line("");
	}

	// where the knee sat in each phase, from the best static sizes, against where the regime puts it
	private void regimeNote(ShiftingResult shifting) {
		int largest = shifting.statics().stream().mapToInt(ScenarioSeries::size).max().orElse(0);
		Map<Knee, List<String>> phases = new EnumMap<>(Knee.class);
		for (int phase = 0; phase < shifting.scenario().phases().size(); phase++) {
			int clients = shifting.scenario().phases().get(phase).clients();
			Optional<ScenarioSeries> best = shifting.bestStatic(phase);
			if (best.isPresent()) {
				phases.computeIfAbsent(knee(best.get().size(), clients, largest), (key) -> new ArrayList<>())
					.add((phase + 1) + " (best " + best.get().size() + ", " + clients + " clients)");
			}
		}
		line("Where the knee sat, from each phase's best static size (the %s regime means it to sit %s the client "
				+ "count): below the client count in phases %s; at or above it in phases %s; not decided, the best "
				+ "being the largest size run (%d) and below the client count, in phases %s.", shifting.regime().label(),
				(shifting.regime() == Regime.WAIT_BOUND) ? "at or above" : "below", list(phases.get(Knee.BELOW)),
				list(phases.get(Knee.AT_OR_ABOVE)), largest, list(phases.get(Knee.UNDECIDED)));
		line("");
	}

	/**
	 * Return where a phase's knee sat: below the client count when a larger static size
	 * did worse than the best one, at or above it when the best one is as large as the
	 * client count, and not decided when the best one is the largest size run and smaller
	 * than the client count.
	 * @param best the phase's best static size
	 * @param clients the phase's clients
	 * @param largest the largest static size run
	 * @return where the knee sat
	 */
	static Knee knee(int best, int clients, int largest) {
		if (best >= clients) {
			return Knee.AT_OR_ABOVE;
		}
		return (best < largest) ? Knee.BELOW : Knee.UNDECIDED;
	}

	private static String list(@Nullable List<String> entries) {
		return (entries != null) ? String.join(", ", entries) : "none";
	}

	private void fleet() {
		FleetResult fleet = this.results.fleet();
		if (fleet == null) {
			return;
		}
		FleetPlan plan = fleet.plan();
		line("## Fleet");
		line("");
		line("%d instances of one service, each the starter's pool in a Spring context of its own (`pool.profile=prod`, "
				+ "`pool.postgres.sizing=adaptive`, `pool.postgres.max-connections=auto`, `pool.postgres.budget=%s`%s, "
				+ "a distinct `pool.instance-id`, the same `spring.application.name`), starting %d s apart; each runs "
				+ "%d clients holding %s ms until the round ends %d s after the first start. Every %d ms the "
				+ "fleet's connections on the server (`pg_stat_activity`, application_name starting with the "
				+ "service's name and a slash: pools, monitors and checks) and each pool's maximum size (MXBean) are "
				+ "read. The budget is `budget x (max_connections - reserved)` rounded down, as the starter computes "
				+ "it; a pool converged when its size did not change in the last %d s.", plan.instances(),
				Report.num(plan.budget(), 2), starterProperties(FleetRun.OWN_PROPERTIES), plan.stagger(),
				plan.clients(), Report.num(plan.holdMillis(), 1), plan.seconds(), PoolSizeSampler.INTERVAL.toMillis(),
				plan.settle());
		line("");
		line("| round | budget | largest fleet total | largest pools' total | samples above the budget | instances: "
				+ "started at, size at the end, converged (last change), tps |");
		line("|---|---|---|---|---|---|");
		for (int i = 0; i < fleet.rounds().size(); i++) {
			FleetRound round = fleet.rounds().get(i);
			line("| %d | %d | %d | %d | %d of %d | %s |", i + 1, round.budget(), round.largestTotal(),
					round.largestPoolTotal(), round.samplesOverBudget(), round.samples().size(),
					instances(round, plan));
		}
		line("");
	}

	private static String instances(FleetRound round, FleetPlan plan) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < round.instances().size(); i++) {
			FleetRound.Instance instance = round.instances().get(i);
			FleetRound.Convergence convergence = round.convergence(i, plan.settle());
			parts.add(String.format(Locale.ROOT, "%s: %s s, %d, %s (%s s), %s tps%s", instance.id(),
					Report.num(instance.startedAt(), 1), convergence.size(), convergence.converged() ? "yes" : "no",
					Report.num(convergence.lastChange(), 1), Report.num(instance.tps(), 0),
					(instance.note() != null) ? " (" + Report.cell(instance.note()) + ")" : ""));
		}
		return String.join("; ", parts);
	}

	private void probes() {
		ProbeResult probes = this.results.probes();
		if (probes == null) {
			return;
		}
		ProbePlan plan = probes.plan();
		int held = plan.from() - plan.to();
		line("## Probes down against static sizes");
		line("");
		line("Does a probe down read the throughput that the smaller size reads? %s. Four pools of the starter with "
				+ "`pool.postgres.sizing=fixed`%s, in alternating order: size %d throughout; size %d throughout; "
				+ "size %d with a lending limit of %d set at the start of every second phase and lifted at the "
				+ "next, as adaptive sizing tries a smaller size (the connections above it held aside in the pool "
				+ "once no more are lent); and size %d of which the benchmark's own threads "
				+ "borrow %d connections at the start of every second phase and hold them, idle, until the next, "
				+ "so that the callers share the other %d in HikariCP's own queue. The first pair of phases is not "
				+ "measured. Ratios are the smaller size's throughput over the larger's: the static sizes' over "
				+ "their measured phases, each probing pool's over its phases at %d against its phases at %d "
				+ "(p99: the median of the phases' p99, the same way); the control is the same ratio in the pool "
				+ "fixed at %d, whose phases differ in nothing. The first second of a limit is the lending pool's "
				+ "throughput in the first second of the limit against the seconds after it; held in: the median "
				+ "time from a phase's start until the benchmark held all %d connections.", plan.describe(),
				starterProperties(List.of("pool.postgres.sizing", "pool.postgres.max-connections")), plan.from(),
				plan.to(), plan.from(), plan.to(), plan.from(), held, plan.to(), plan.to(), plan.from(), plan.from(),
				held);
		line("");
		line("| round | size %d tps | size %d tps | lending %d tps | holding %d tps | static %d / %d | lending limit "
				+ "| held aside | control | first second of a limit | held in |", plan.from(), plan.to(), plan.to(),
				held, plan.to(), plan.from());
		line("|---|---|---|---|---|---|---|---|---|---|---|");
		for (int i = 0; i < probes.rounds().size(); i++) {
			ProbeRound round = probes.rounds().get(i);
			line("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", i + 1, tps(round.larger()),
					tps(round.smaller()), tps(round.lending()), tps(round.holding()),
					withP99(round.staticRatio(), round.p99Ratio(null)),
					withP99(round.lendingRatio(), round.p99Ratio(round.lending())),
					withP99(round.holdingRatio(), round.p99Ratio(round.holding())), Report.pct(round.controlRatio()),
					Report.pct(round.firstSecondRatio()),
					Double.isNaN(round.reserveMillis()) ? "–" : Report.num(round.reserveMillis(), 0) + " ms");
		}
		line("| median (range) | | | | | %s | %s | %s | %s | %s | |", Report.pctRange(probes.statics()),
				Report.pctRange(probes.limits()), Report.pctRange(probes.holdings()),
				Report.pctRange(probes.controls()), Report.pctRange(probes.firstSeconds()));
		line("");
		line("%s", probes.verdict());
		line("");
	}

	private static String withP99(double ratio, double p99) {
		return Double.isNaN(p99) ? Report.pct(ratio)
				: Report.pct(ratio) + " (p99 " + Report.num(p99, 2) + " x)";
	}

	private static String tps(ScenarioRun run) {
		if (!run.started()) {
			return "failed";
		}
		String tps = Report.num(run.total().tps(), 0);
		return (run.note() != null) ? tps + " (" + run.note() + ")" : tps;
	}

	private void line(String format, Object... args) {
		this.out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	/**
	 * Where a phase's throughput knee sat against its client count.
	 */
	enum Knee {

		/**
		 * A static size larger than the best one did worse.
		 */
		BELOW,

		/**
		 * The best static size is as large as the client count.
		 */
		AT_OR_ABOVE,

		/**
		 * The best static size is the largest run, below the client count.
		 */
		UNDECIDED

	}

}
