package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The targets a run is judged against, and the verdict on each computed from the run's
 * own rounds: each configuration against the oracle, the JDBC path through the starter's
 * pool against pgbench, the hot path and the sample application's start-up.
 *
 * @author pool-starter
 */
final class Targets {

	static final double ORACLE_TPS = 0.95;

	static final double ORACLE_P99 = 1.2;

	static final double PGBENCH = 0.70;

	static final double HOT_PATH = 0.02;

	static final double HOT_PATH_ALL_ON = 0.05;

	static final double STARTUP = 1.10;

	private static final String JUDGED_ON = "the range of interleaved rounds, or the 99.9 % interval of a single round";

	static final List<String> AGAINST_ORACLE = List.of(BenchMain.STARTER, BenchMain.STARTER_ADAPTIVE,
			BenchMain.BOOT_DEFAULT, BenchMain.SEED_20, BenchMain.SEED_100);

	private final BenchResults results;

	Targets(BenchResults results) {
		this.results = results;
	}

	/**
	 * Compare a configuration with the oracle, round by round.
	 * @param series the configuration
	 * @param oracle the oracle at the same client count
	 * @return the ratios and the verdict: throughput at least 95 % of the oracle's, p99 at
	 * most 1.2 x, and no timeouts or errors, in every round
	 */
	static Comparison versusOracle(Series series, Series oracle) {
		Spread tps = series.ratio(oracle, RunStats::tps);
		Spread p99 = series.ratio(oracle, RunStats::p99Millis);
		int rounds = series.rounds().size();
		Verdict verdict = Verdict.all(List.of(Verdict.atLeast(tps, ORACLE_TPS), Verdict.atMost(p99, ORACLE_P99),
				Verdict.everyRound(series.cleanRounds(), rounds)));
		return new Comparison(tps, p99, series.cleanRounds(), rounds, verdict);
	}

	Optional<Comparison> versusOracle(int clients, String label) {
		Optional<Series> oracle = this.results.oracle(clients);
		return this.results.config(clients, label).flatMap((series) -> oracle.map((o) -> versusOracle(series, o)));
	}

	List<Outcome> outcomes() {
		List<Outcome> outcomes = new ArrayList<>();
		AGAINST_ORACLE.forEach((label) -> outcomes.add(againstOracle(label)));
		outcomes.add(jdbcPath());
		outcomes.add(hotPath());
		outcomes.add(hotPathAllOn(this.results.hotPath()));
		outcomes.add(startup());
		return outcomes;
	}

	String name(String label) {
		return switch (label) {
			case BenchMain.STARTER -> "starter `auto`"
					+ ((this.results.starterSize() > 0) ? " (" + this.results.starterSize() + ")" : "");
			case BenchMain.STARTER_ADAPTIVE -> "starter `adaptive`";
			default -> label;
		};
	}

	Outcome againstOracle(String label) {
		String target = String.format(Locale.ROOT, "%s: >= %s of the oracle's throughput, p99 <= %s the oracle's, "
				+ "no timeouts", name(label), Report.pct(ORACLE_TPS), Report.times(ORACLE_P99));
		if (!this.results.ran(label)) {
			return new Outcome(target, "not run (not in `--configs`)", Verdict.NOT_MEASURED);
		}
		List<String> parts = new ArrayList<>();
		List<Verdict> verdicts = new ArrayList<>();
		for (int clients : this.results.runs().keySet()) {
			Optional<Series> series = this.results.config(clients, label);
			if (series.isEmpty()) {
				continue;
			}
			Optional<Comparison> comparison = versusOracle(clients, label);
			verdicts.add(comparison.map(Comparison::verdict).orElse(Verdict.NOT_MEASURED));
			parts.add(clients + " clients" + sizes(series.get(), label) + ": "
					+ comparison.map(Targets::describe).orElseGet(() -> noOracle(clients)));
		}
		return new Outcome(target, String.join("; ", parts), Verdict.all(verdicts));
	}

	private String noOracle(int clients) {
		return this.results.sweep(clients).isEmpty() ? "no oracle (the sweep is not in `--configs`)"
				: "no oracle (every size of the sweep failed)";
	}

	// the adaptive mode's size is what it grew to by the end of each round
	private static String sizes(Series series, String label) {
		if (!label.equals(BenchMain.STARTER_ADAPTIVE)) {
			return "";
		}
		return " (size " + Report.range(series.spread((stats) -> stats.poolSize()), 0, "") + ")";
	}

	static String describe(Comparison comparison) {
		String text = Report.pctRange(comparison.tps()) + ", p99 " + Report.timesRange(comparison.p99());
		if (comparison.cleanRounds() < comparison.rounds()) {
			text += String.format(Locale.ROOT, ", timeouts or errors in %d of %d rounds",
					comparison.rounds() - comparison.cleanRounds(), comparison.rounds());
		}
		return text + ": " + comparison.verdict().label();
	}

	Outcome jdbcPath() {
		String target = "JDBC path through the starter's pool >= " + Report.pct(PGBENCH)
				+ " of pgbench's throughput, same SQL, same server connections";
		Optional<JdbcPath> path = JdbcPath.of(this.results.options().clients(), this.results.starterSize());
		Optional<Series> starter = path.flatMap((p) -> this.results.config(p.clients(), BenchMain.STARTER));
		if (path.isEmpty() || starter.isEmpty()) {
			return new Outcome(target, "not measured: the starter's pool was not run (`--configs`)",
					Verdict.NOT_MEASURED);
		}
		Optional<PgbenchSeries> pgbench = this.results.pgbench(path.get().connections());
		if (pgbench.isEmpty() || !pgbench.get().tps().measured()) {
			return new Outcome(target, "not measured: pgbench did not run", Verdict.NOT_MEASURED);
		}
		Spread ratio = pgbench.get().ratioOf(starter.get(), RunStats::tps);
		String measured = String.format(Locale.ROOT,
				"starter `auto` at %d clients (%d connections) %s tps / pgbench at %d clients %s tps: %s",
				path.get().clients(), path.get().connections(), Report.range(starter.get().tps(), 0, ""),
				path.get().connections(), Report.range(pgbench.get().tps(), 0, ""), Report.pctRange(ratio));
		return new Outcome(target, measured, Verdict.atLeast(ratio, PGBENCH));
	}

	Outcome hotPath() {
		String target = "the starter adds <= " + Report.pct(HOT_PATH)
				+ " to `getConnection()` + `close()` (JMH: " + JUDGED_ON + ")";
		HotPathResult hot = this.results.hotPath();
		List<HotPathResult.Row> rows = hot.rows().stream().filter((row) -> row.overhead() != null).toList();
		if (rows.isEmpty()) {
			return new Outcome(target, hot.rows().isEmpty() ? hot.note() : "not measured: the starter's source did not run",
					Verdict.NOT_MEASURED);
		}
		List<Verdict> verdicts = rows.stream()
			.map((row) -> row.overhead().atMost(HOT_PATH))
			.toList();
		String measured = rows.stream().map(Targets::describe).collect(Collectors.joining("; "));
		return new Outcome(target, measured, Verdict.all(verdicts));
	}

	private static String describe(HotPathResult.Row row) {
		HotPathResult.Overhead own = row.ownOverhead();
		return String.format(Locale.ROOT, "%s: %s over bare HikariCP (%s ns)%s", threads(row),
				Report.overhead(row.overhead()),
				Report.signed(row.spread(HotPathBenchmark.STARTER).median() - row.spread(HotPathBenchmark.BARE).median(),
						0),
				(own != null) ? ", " + Report.overhead(own) + " over HikariCP with the prod profile's leak detection"
						: "");
	}

	/**
	 * Return the verdict on the starter with every feature on (usage recording, the prod
	 * profile's leak detection, adaptive sizing, Micrometer metrics) against HikariCP with
	 * Spring Boot's Micrometer metrics tracker, judged at 1 thread; other thread counts
	 * are shown.
	 * @param hot the JMH figures
	 * @return the outcome
	 */
	static Outcome hotPathAllOn(HotPathResult hot) {
		String target = "the starter with every feature on (usage recording, leak detection at "
				+ HotPathBenchmark.PROD_LEAK_DETECTION.toSeconds() + " s, adaptive sizing, metrics) adds <= "
				+ Report.pct(HOT_PATH_ALL_ON) + " to `getConnection()` + `close()` over HikariCP with Spring Boot's "
				+ "Micrometer metrics tracker, 1 thread (JMH: " + JUDGED_ON + ")";
		List<HotPathResult.Row> rows = hot.rows().stream().filter((row) -> row.allOnOverhead() != null).toList();
		if (rows.isEmpty()) {
			return new Outcome(target, hot.rows().isEmpty() ? hot.note()
					: "not measured: the sources starter-all and bare-metrics did not both run", Verdict.NOT_MEASURED);
		}
		String measured = rows.stream()
			.map((row) -> String.format(Locale.ROOT, "%s: %s (%s against %s ns)%s", threads(row),
					Report.overhead(row.allOnOverhead()),
					Report.num(row.spread(HotPathBenchmark.STARTER_ALL).median(), 1),
					Report.num(row.spread(HotPathBenchmark.BARE_METRICS).median(), 1),
					(row.threads() == 1) ? "" : ", not judged"))
			.collect(Collectors.joining("; "));
		Verdict verdict = rows.stream()
			.filter((row) -> row.threads() == 1)
			.findFirst()
			.map((row) -> row.allOnOverhead().atMost(HOT_PATH_ALL_ON))
			.orElse(Verdict.NOT_MEASURED);
		return new Outcome(target, measured, verdict);
	}

	private static String threads(HotPathResult.Row row) {
		return row.threads() + " thread" + ((row.threads() == 1) ? "" : "s");
	}

	Outcome startup() {
		String target = "the sample starts within " + Report.pct(STARTUP - 1) + " of plain Spring Boot";
		StartupResult startup = this.results.startup();
		if (!startup.measured()) {
			return new Outcome(target, "not measured: " + startup.reason(), Verdict.NOT_MEASURED);
		}
		Spread ratio = startup.pairRatios();
		String measured = String.format(Locale.ROOT, "median %s s with, %s s without; per pair %s, %d pairs",
				Report.num(StartupResult.median(startup.withStarter()), 2),
				Report.num(StartupResult.median(startup.plain()), 2), Report.timesRange(ratio), ratio.count());
		return new Outcome(target, measured, Verdict.atMost(ratio, STARTUP));
	}

	/**
	 * A configuration against the oracle at one client count, over the rounds.
	 *
	 * @param tps throughput as a share of the oracle's, round by round
	 * @param p99 p99 latency as a multiple of the oracle's, round by round
	 * @param cleanRounds rounds without timeouts or errors
	 * @param rounds the rounds
	 * @param verdict the verdict
	 */
	record Comparison(Spread tps, Spread p99, int cleanRounds, int rounds, Verdict verdict) {
	}

	/**
	 * One target, what was measured for it and the verdict.
	 *
	 * @param target the target
	 * @param measured the figures behind the verdict
	 * @param verdict the verdict
	 */
	record Outcome(String target, String measured, Verdict verdict) {
	}

}
