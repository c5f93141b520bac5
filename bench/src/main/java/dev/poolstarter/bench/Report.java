package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * Writes the results as Markdown: the headline with the verdict on every target, the
 * machine and the workload, one table per client count with every round and the ratios
 * against the oracle, pgbench's own table, the hot path, the start-up times and notes on
 * the sizing; every verdict and every sentence about the figures is computed from the
 * run.
 *
 * @author pool-starter
 */
final class Report {

	private final BenchResults results;

	private final StringBuilder out = new StringBuilder();

	private Report(BenchResults results) {
		this.results = results;
	}

	static void write(BenchResults results, Path file, String plotName) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, render(results, plotName));
	}

	static String render(BenchResults results, String plotName) {
		return new Report(results).render(plotName);
	}

	private String render(String plotName) {
		BenchOptions options = this.results.options();
		line("# Pool benchmark, %s%s", options.date(), options.quick() ? " (quick run)" : "");
		line("");
		line("## Headline");
		line("");
		this.out.append(Headline.render(this.results));
		line("");
		machine();
		line("![Throughput and p99 latency against pool size, medians over the rounds](%s)", plotName);
		line("");
		this.results.runs().keySet().forEach(this::clientsTable);
		pgbench();
		hotPath();
		startup();
		new SizingNotes(this.results).appendTo(this.out);
		return this.out.toString();
	}

	private void machine() {
		MachineFacts facts = this.results.facts();
		BenchOptions options = this.results.options();
		line("## Machine and workload");
		line("");
		line("- %d cores (%s), shared by the clients, pgbench and the server; load average %s at the start; %s.",
				facts.cores(), facts.cpu(), facts.loadAverage(), facts.java());
		line("- PostgreSQL %s, max_connections %d (%d reserved for superusers), synchronous_commit %s; %d other "
				+ "client sessions at the start (the server is shared: see \"others busy\").", facts.serverVersion(),
				facts.maxConnections(), facts.reservedConnections(), facts.synchronousCommit(), facts.otherSessions());
		line("- Transaction: %s.", options.workload().describe());
		line("- %d round%s (`--repeats`), %s of workload and pgbench. Each round takes the client counts in turn "
				+ "and runs every configuration once at each, in the order of the tables below in odd rounds and in "
				+ "reverse in even ones; pgbench runs at %s clients right after the starter's pool, and at its other "
				+ "client counts at the end of the round.",
				this.results.rounds(), (this.results.rounds() == 1) ? "" : "s",
				minutes(this.results.elapsed().toSeconds()),
				JdbcPath.of(options.clients(), this.results.starterSize())
					.map((path) -> Integer.toString(path.connections()))
					.orElse("the starter's size"));
		line("- Clients are threads in a closed loop (borrow, transaction, close): %s s warm-up, then %s s measured "
				+ "per configuration; a fresh pool for each run. Latency is borrow to close, acquire is "
				+ "`getConnection()`; a timeout is a borrow that failed with `SQLTransientConnectionException`.",
				seconds(options.warmup().toMillis()), seconds(options.duration().toMillis()));
		line("- The sweep (plain HikariDataSource, HikariCP's defaults) stops at the client count: a larger pool "
				+ "has nothing more to lend. The oracle is the sweep's best median throughput without timeouts or "
				+ "errors in any round.");
		line("- The starter's pool: `pool.profile=prod`, `pool.postgres.max-connections=auto`%s; it chose **%d** (%s).",
				options.starterProperties().isEmpty() ? ""
						: ", " + options.starterProperties()
							.entrySet()
							.stream()
							.map((entry) -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
							.collect(Collectors.joining(", ")),
				this.results.starterSize(), this.results.starterReason());
		if (this.results.ran(BenchMain.STARTER_ADAPTIVE)) {
			line("- The starter's adaptive mode (`pool.postgres.sizing=adaptive`) is measured after %s s of warm-up, "
					+ "for it to find its size; its pool size is the maximum at the end of the window.",
					seconds(options.adaptiveWarmup().toMillis()));
		}
		line("");
	}

	private void clientsTable(int clients) {
		Optional<Series> oracle = this.results.oracle(clients);
		line("## %d clients", clients);
		line("");
		if (oracle.isPresent()) {
			line("Oracle: size %d, %s tps.%s", oracle.get().size(), range(oracle.get().tps(), 0, ""),
					versusPgbench(oracle.get()));
		}
		else {
			line("No oracle: %s", this.results.sweep(clients).isEmpty() ? "the sweep is not in `--configs`."
					: "every size of the sweep failed.");
		}
		line("");
		line("| config | pool size | tps per round | p50 ms | p99 ms | p99 acquire ms | mean held ms | timeouts "
				+ "| errors | server conns (max / busy) | others busy | CPU: clients / server / other | tps / oracle "
				+ "| p99 / oracle | target |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (Series series : this.results.runs().get(clients)) {
			boolean isOracle = oracle.isPresent() && oracle.get() == series;
			Optional<Targets.Comparison> comparison = oracle.map((o) -> Targets.versusOracle(series, o));
			line("| %s | %s | %s | %s | %s | %s | %s | %d | %d | %d / %d | %s | %s | %s | %s | %s |",
					isOracle ? "**" + series.config() + " (oracle)**" : series.config(),
					range(series.spread((stats) -> stats.poolSize()), 0, ""), perRound(series, RunStats::tps, 0),
					median(series, RunStats::p50Millis), range(series.spread(RunStats::p99Millis), 2, ""),
					median(series, RunStats::p99AcquireMillis), median(series, RunStats::meanHeldMillis),
					series.timeouts(), series.errors(), max(series, RunStats::serverConnections),
					max(series, RunStats::serverBusy), num(series.spread(RunStats::othersBusy).median(), 1),
					cpu(series), comparison.map((c) -> pctRange(c.tps())).orElse("–"),
					comparison.map((c) -> timesRange(c.p99())).orElse("–"),
					isOracle ? "(the reference)" : comparison.map((c) -> c.verdict().label()).orElse("–"));
		}
		notes(clients);
		line("");
	}

	private String versusPgbench(Series oracle) {
		return this.results.bestPgbench()
			.map((best) -> String.format(Locale.ROOT, " Against pgbench's best (%d clients, %s tps): %s.",
					best.clients(), num(best.tps().median(), 0), pctRange(best.ratioOf(oracle, RunStats::tps))))
			.orElse("");
	}

	private void notes(int clients) {
		List<String> notes = this.results.runs()
			.get(clients)
			.stream()
			.flatMap((series) -> IntStream.range(0, series.rounds().size())
				.filter((i) -> series.rounds().get(i).note() != null)
				.mapToObj((i) -> series.config() + ", round " + (i + 1) + ": " + cell(series.rounds().get(i).note())))
			.toList();
		if (!notes.isEmpty()) {
			line("");
			notes.forEach((note) -> line("- %s", note));
		}
	}

	private static String perRound(Series series, ToDoubleFunction<RunStats> figure, int decimals) {
		return series.rounds()
			.stream()
			.map((stats) -> num(figure.applyAsDouble(stats), decimals))
			.collect(Collectors.joining(" / "));
	}

	private static String median(Series series, ToDoubleFunction<RunStats> figure) {
		return num(series.spread(figure).median(), 2);
	}

	private static int max(Series series, ToIntFunction<RunStats> figure) {
		return series.rounds().stream().mapToInt(figure).max().orElse(0);
	}

	private static String cpu(Series series) {
		return cpu(new CpuUsage.Shares(series.spread((stats) -> stats.cpu().busy()).median(),
				series.spread((stats) -> stats.cpu().clients()).median(),
				series.spread((stats) -> stats.cpu().server()).median()));
	}

	private void pgbench() {
		line("## pgbench (the server's limit)");
		line("");
		if (this.results.pgbench().isEmpty()) {
			line("Not run (pgbench not found: it is in Debian's `postgresql-client` package).");
			line("");
			return;
		}
		line("`pgbench -n -M prepared -T %d -c <clients> -j 2 -f bench/sql/transaction.sql -D rows=%d -D hold=%s`, "
				+ "one server connection per client; percentiles from its per-transaction log.",
				this.results.options().pgbenchDuration().toSeconds(), this.results.options().workload().rows(),
				this.results.options().workload().holdMillis() / 1000.0);
		line("");
		line("| clients | tps per round | p50 ms | p99 ms | failed | note |");
		line("|---|---|---|---|---|---|");
		for (PgbenchSeries series : this.results.pgbench()) {
			line("| %d | %s | %s | %s | %d | %s |", series.clients(),
					series.rounds()
						.stream()
						.map((result) -> (result.note() == null) ? num(result.tps(), 0) : "failed")
						.collect(Collectors.joining(" / ")),
					num(series.spread(PgbenchResult::p50Millis).median(), 2),
					range(series.spread(PgbenchResult::p99Millis), 2, ""), series.failed(),
					series.rounds()
						.stream()
						.map(PgbenchResult::note)
						.filter((note) -> note != null)
						.map(Report::cell)
						.distinct()
						.collect(Collectors.joining("; ")));
		}
		line("");
	}

	private void hotPath() {
		hotPath(this.out, this.results.hotPath());
	}

	/**
	 * Append the hot path's section: every source's time per borrow and the overheads
	 * the targets judge.
	 * @param out where to append
	 * @param hot the JMH figures
	 */
	static void hotPath(StringBuilder out, HotPathResult hot) {
		out.append("## Hot path (JMH)\n\n");
		if (hot.rows().isEmpty()) {
			out.append(hot.note()).append("\n\n");
			return;
		}
		int rounds = hot.rounds();
		out.append(String.format(Locale.ROOT, "`getConnection()` + `close()`, ns per borrow, all pools of the same size "
				+ "on the same server: a bare HikariDataSource with HikariCP's defaults; the same with the %d s "
				+ "leak-detection threshold the prod profile sets (HikariCP schedules and cancels a task on every borrow "
				+ "for it); the same with Spring Boot's metrics tracker (HikariCP's `MicrometerMetricsTrackerFactory` on "
				+ "a `SimpleMeterRegistry`); the DataSource the starter builds (its HikariDataSource subclass and its "
				+ "usage-recording metrics tracker, prod profile); and the starter's with every feature on (also "
				+ "`pool.postgres.sizing=adaptive`, not below %d connections, and a `SimpleMeterRegistry`). %s%n%n",
				HotPathBenchmark.PROD_LEAK_DETECTION.toSeconds(), HotPathBenchmark.MOST_THREADS,
				(rounds == 1) ? "One round: each figure ± JMH's 99.9 % interval; the overheads' intervals add the "
						+ "relative errors in quadrature."
						: rounds + " rounds, the sources in turn, in reverse order every other round: each figure is "
								+ "the median (range) over the rounds, and each overhead is taken within a round, "
								+ "then given as its median (range)."));
		out.append(String.format(Locale.ROOT, "| benchmark | threads | bare | bare + leak detection | bare + Boot's "
				+ "metrics tracker | starter | starter, everything on | starter vs bare (target <= %s) | starter vs "
				+ "bare + leak detection | everything on vs bare + metrics tracker (target <= %s, 1 thread) |%n",
				pct(Targets.HOT_PATH), pct(Targets.HOT_PATH_ALL_ON)));
		out.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (HotPathResult.Row row : hot.rows()) {
			HotPathResult.Overhead overhead = row.overhead();
			HotPathResult.Overhead allOn = row.allOnOverhead();
			out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					row.benchmark(), row.threads(), score(row, HotPathBenchmark.BARE),
					score(row, HotPathBenchmark.BARE_LEAK), score(row, HotPathBenchmark.BARE_METRICS),
					score(row, HotPathBenchmark.STARTER), score(row, HotPathBenchmark.STARTER_ALL),
					(overhead != null) ? overhead(overhead) + ": " + overhead.atMost(Targets.HOT_PATH).label() : "–",
					overhead(row.ownOverhead()),
					(allOn != null) ? overhead(allOn)
							+ ((row.threads() == 1) ? ": " + allOn.atMost(Targets.HOT_PATH_ALL_ON).label() : "")
							: "–"));
		}
		out.append('\n');
		List<String> leakCosts = hot.rows()
			.stream()
			.filter((row) -> row.score(HotPathBenchmark.BARE_LEAK) != null)
			.map(Report::leakCost)
			.toList();
		if (!leakCosts.isEmpty()) {
			out.append("HikariCP's leak detection alone, over bare HikariCP: ")
				.append(String.join("; ", leakCosts))
				.append(".\n\n");
		}
	}

	private static String leakCost(HotPathResult.Row row) {
		HotPathResult.Overhead cost = row.overhead(HotPathBenchmark.BARE_LEAK, HotPathBenchmark.BARE);
		return String.format(Locale.ROOT, "%d thread%s %s (%s ns)", row.threads(), (row.threads() == 1) ? "" : "s",
				overhead(cost),
				signed(row.spread(HotPathBenchmark.BARE_LEAK).median() - row.spread(HotPathBenchmark.BARE).median(), 0));
	}

	/**
	 * Return an overhead as {@code +3.0 % ± 0.7 %} for one round (JMH's interval), or as
	 * {@code +3.0 % (+1.2 to +4.1 %, 3 rounds)} for several.
	 * @param overhead the overhead, or {@code null}
	 * @return the text, a dash for none
	 */
	static String overhead(HotPathResult.@Nullable Overhead overhead) {
		if (overhead == null) {
			return "–";
		}
		Spread rounds = overhead.rounds();
		return (rounds.count() == 1) ? signedPct(overhead.median()) + " ± " + pct1(overhead.error())
				: signedPct(rounds.median()) + " (" + signedPct(rounds.min()) + " to " + signedPct(rounds.max()) + ", "
						+ rounds.count() + " rounds)";
	}

	private static String score(HotPathResult.Row row, String source) {
		HotPathResult.Score score = row.score(source);
		if (score == null) {
			return "not run";
		}
		Spread spread = row.spread(source);
		return (spread.count() == 1) ? num(score.nanos(), 1) + " ± " + num(score.error(), 1) : range(spread, 1, "");
	}

	private void startup() {
		StartupResult startup = this.results.startup();
		line("## Sample application start-up");
		line("");
		if (!startup.measured()) {
			line("Not measured: %s", startup.reason());
			line("");
			return;
		}
		line("\"Started SampleApplication in X seconds\", %d runs of each kind after a warm-up pair, in pairs one "
				+ "after the other (ABBA order); without the starter means `--spring.autoconfigure.exclude=` its %d "
				+ "auto-configurations, so that Spring Boot's plain DataSource auto-configuration takes over.",
				startup.withStarter().size(), startup.excluded().split(",").length);
		line("");
		line("| kind | runs (s) | median (s) |");
		line("|---|---|---|");
		line("| with the starter | %s | %s |", list(startup.withStarter()), num(StartupResult.median(startup.withStarter()), 2));
		line("| plain Spring Boot | %s | %s |", list(startup.plain()), num(StartupResult.median(startup.plain()), 2));
		line("");
		line("With the starter over without, pair by pair: %s; of the medians: %s; of the fastest runs: %s.",
				timesRange(startup.pairRatios()), times(startup.ratio()), times(startup.minimumRatio()));
		line("");
	}

	private static String list(List<Double> values) {
		return values.stream().map((value) -> num(value, 2)).collect(Collectors.joining(", "));
	}

	private void line(String format, Object... args) {
		this.out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	static String num(double value, int decimals) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	static String signed(double value, int decimals) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+." + decimals + "f", value);
	}

	/**
	 * Return a spread as its median and its range, {@code 49 % (48–51 %)}, or the median
	 * alone when the range rounds to one value.
	 * @param spread the spread
	 * @param decimals the decimals
	 * @param unit the unit, appended to the median and to the range
	 * @return the text, {@code –} when nothing was measured
	 */
	static String range(Spread spread, int decimals, String unit) {
		if (!spread.measured()) {
			return "–";
		}
		String median = num(spread.median(), decimals) + unit;
		String min = num(spread.min(), decimals);
		String max = num(spread.max(), decimals);
		return min.equals(max) ? median : median + " (" + min + "–" + max + unit + ")";
	}

	static String pctRange(Spread spread) {
		return range(new Spread(spread.count(), spread.median() * 100, spread.min() * 100, spread.max() * 100), 0, " %");
	}

	static String timesRange(Spread spread) {
		return range(spread, 2, " x");
	}

	static String pct(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
	}

	static String cpu(CpuUsage.Shares shares) {
		return Double.isNaN(shares.busy()) ? "–" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f %%",
				shares.clients() * 100, shares.server() * 100, shares.other() * 100);
	}

	static String pct1(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
	}

	static String signedPct(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%+.1f %%", ratio * 100);
	}

	static String times(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f x", ratio);
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? Long.toString(millis / 1000) : num(millis / 1000.0, 1);
	}

	static String minutes(long seconds) {
		return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
	}

	static String cell(String text) {
		String flat = escape(text);
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

	static String escape(String text) {
		return text.replace('\n', ' ').replace("|", "\\|");
	}

}
