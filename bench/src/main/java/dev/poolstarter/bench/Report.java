package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the results as Markdown: the headline table, the targets, one table per client
 * count with ratios against the oracle and against pgbench, pgbench's own table, the hot
 * path, the start-up times and notes on the sizing.
 *
 * @author pool-starter
 */
final class Report {

	static final double AUTO_TPS_TARGET = 0.95;

	static final double AUTO_P99_TARGET = 1.2;

	static final double PGBENCH_TARGET = 0.70;

	static final double HOT_PATH_TARGET = 0.02;

	static final double STARTUP_TARGET = 1.10;

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
		line("Command: `%s` (%s of workload and pgbench).", options.command(), minutes(this.results.elapsed().toSeconds()));
		line("");
		machine();
		headline();
		targets();
		line("![Throughput and p99 latency against pool size](%s)", plotName);
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
		line("- Clients are threads in a closed loop (borrow, transaction, close): %s s warm-up, then %s s measured "
				+ "per configuration; a fresh pool for each run. Latency is borrow to close, acquire is "
				+ "`getConnection()`; a timeout is a borrow that failed with `SQLTransientConnectionException`.",
				seconds(options.warmup().toMillis()), seconds(options.duration().toMillis()));
		line("- The sweep (plain HikariDataSource, HikariCP's defaults) stops at the client count: a larger pool "
				+ "has nothing more to lend. The oracle is the sweep's best throughput without timeouts or errors.");
		line("- The starter's pool: `pool.profile=prod`, `pool.postgres.max-connections=auto`%s; it chose **%d** (%s).",
				options.starterProperties().isEmpty() ? ""
						: ", " + options.starterProperties()
							.entrySet()
							.stream()
							.map((entry) -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
							.collect(Collectors.joining(", ")),
				this.results.starterSize(), this.results.starterReason());
		if (this.results.runs().values().stream().flatMap(List::stream)
			.anyMatch((stats) -> stats.config().equals(BenchMain.STARTER_ADAPTIVE))) {
			line("- The starter's adaptive mode (`pool.postgres.sizing=adaptive`) is measured after %s s of warm-up, "
					+ "for it to find its size; its pool size is the maximum at the end of the window.",
					seconds(options.adaptiveWarmup().toMillis()));
		}
		line("");
	}

	private void headline() {
		Optional<PgbenchResult> pgbench = this.results.bestPgbench();
		line("## Headline");
		line("");
		line("Throughput as a share of the oracle's (the best pool size found on this machine) at each client count; "
				+ "p99 latency as a multiple of the oracle's.");
		line("");
		boolean adaptive = this.results.runs().values().stream().flatMap(List::stream)
			.anyMatch((stats) -> stats.config().equals(BenchMain.STARTER_ADAPTIVE));
		line("| clients | oracle: size, tps, p99 | starter auto (%d): tps, p99 | %sSpring Boot default (10) | seeds (20) "
				+ "| seeds (100) | oracle / pgbench best |", this.results.starterSize(),
				adaptive ? "starter adaptive | " : "");
		line("|---|---|---|---|---|---|---|%s", adaptive ? "---|" : "");
		for (int clients : this.results.runs().keySet()) {
			Optional<RunStats> oracle = this.results.oracle(clients);
			line("| %d | %s | %s | %s%s | %s | %s | %s |", clients,
					oracle.map((o) -> o.poolSize() + ", " + num(o.tps(), 0) + ", " + num(o.p99Millis(), 1) + " ms")
						.orElse("–"),
					versusOracle(clients, BenchMain.STARTER),
					adaptive ? adaptiveCell(clients) + " | " : "", versusOracle(clients, BenchMain.BOOT_DEFAULT),
					versusOracle(clients, BenchMain.SEED_20), versusOracle(clients, BenchMain.SEED_100),
					ratio(oracle.map(RunStats::tps).orElse(Double.NaN), pgbench.map(PgbenchResult::tps).orElse(Double.NaN)));
		}
		line("");
		pgbench.ifPresent((best) -> line("pgbench, same SQL, best of %s clients: %s tps at %d clients (p99 %s ms).",
				this.results.options().pgbenchClients(), num(best.tps(), 0), best.clients(), num(best.p99Millis(), 1)));
		line("");
	}

	private String adaptiveCell(int clients) {
		return this.results.config(clients, BenchMain.STARTER_ADAPTIVE)
			.map((stats) -> "size " + stats.poolSize() + " at the end: " + versusOracle(clients, BenchMain.STARTER_ADAPTIVE))
			.orElse("not run");
	}

	private String versusOracle(int clients, String label) {
		Optional<RunStats> oracle = this.results.oracle(clients);
		Optional<RunStats> stats = this.results.config(clients, label);
		if (stats.isEmpty()) {
			return "not run";
		}
		if (stats.get().transactions() == 0) {
			return "failed";
		}
		if (oracle.isEmpty()) {
			return num(stats.get().tps(), 0) + " tps (no oracle)";
		}
		String cell = pct(Oracle.ratio(stats.get().tps(), oracle.get().tps())) + ", p99 "
				+ times(Oracle.ratio(stats.get().p99Millis(), oracle.get().p99Millis()));
		return (stats.get().timeouts() > 0) ? cell + ", " + stats.get().timeouts() + " timeouts" : cell;
	}

	private void targets() {
		line("## Targets");
		line("");
		line("| target | measured | met |");
		line("|---|---|---|");
		autoTarget();
		pgbenchTarget();
		hotPathTarget();
		startupTarget();
		line("");
	}

	private void autoTarget() {
		StringBuilder measured = new StringBuilder();
		boolean met = true;
		boolean any = false;
		for (int clients : this.results.runs().keySet()) {
			Optional<RunStats> oracle = this.results.oracle(clients);
			Optional<RunStats> auto = this.results.config(clients, BenchMain.STARTER);
			if (oracle.isEmpty() || auto.isEmpty()) {
				continue;
			}
			double tps = Oracle.ratio(auto.get().tps(), oracle.get().tps());
			double p99 = Oracle.ratio(auto.get().p99Millis(), oracle.get().p99Millis());
			met &= tps >= AUTO_TPS_TARGET && p99 <= AUTO_P99_TARGET && auto.get().clean();
			any = true;
			measured.append((measured.length() > 0) ? "; " : "")
				.append(String.format(Locale.ROOT, "%d clients: %s, p99 %s (oracle size %d)", clients, pct(tps),
						times(p99), oracle.get().poolSize()));
		}
		line("| auto size >= 95 %% of the oracle's throughput, p99 <= 1.2 x the oracle's | %s | %s |",
				any ? measured : "not measured", any ? yesNo(met) : "–");
	}

	private void pgbenchTarget() {
		Optional<RunStats> jdbc = this.results.bestJdbc();
		Optional<PgbenchResult> pgbench = this.results.bestPgbench();
		if (jdbc.isEmpty() || pgbench.isEmpty()) {
			line("| JDBC path >= 70 %% of pgbench's throughput, same SQL | not measured | – |");
			return;
		}
		double ratio = Oracle.ratio(jdbc.get().tps(), pgbench.get().tps());
		line("| JDBC path >= 70 %% of pgbench's throughput, same SQL | best JDBC %s tps (%s, %d clients) / pgbench "
				+ "%s tps (%d clients) = %s | %s |", num(jdbc.get().tps(), 0), jdbc.get().config(),
				jdbc.get().clients(), num(pgbench.get().tps(), 0), pgbench.get().clients(), pct(ratio),
				yesNo(ratio >= PGBENCH_TARGET));
	}

	private void hotPathTarget() {
		HotPathResult hot = this.results.hotPath();
		if (hot.rows().isEmpty()) {
			line("| starter adds <= 2 %% to getConnection/close | %s | – |", hot.note());
			return;
		}
		boolean met = hot.rows().stream().allMatch((row) -> row.overhead().nanos() <= HOT_PATH_TARGET);
		double transactionMillis = meanTransactionMillis();
		line("| starter adds <= 2 %% to getConnection/close | %s | %s |", hot.rows()
			.stream()
			.map((row) -> String.format(Locale.ROOT, "%d thread(s): %s ± %s (%s ns; %s of a %s ms transaction)%s",
					row.threads(), signedPct(row.overhead().nanos()), pct1(row.overhead().error()),
					num(row.starter().nanos() - row.bare().nanos(), 0),
					pct2((row.starter().nanos() - row.bare().nanos()) / 1e6 / transactionMillis),
					num(transactionMillis, 2), ownOverhead(row)))
			.collect(Collectors.joining("; ")), yesNo(met));
	}

	private static String ownOverhead(HotPathResult.Row row) {
		HotPathResult.Score own = row.ownOverhead();
		return (own != null) ? ", of which the starter's own code " + signedPct(own.nanos()) + " ± " + pct1(own.error())
				+ " over HikariCP with the profile's leak detection" : "";
	}

	private double meanTransactionMillis() {
		return this.results.runs()
			.values()
			.stream()
			.flatMap(List::stream)
			.filter((stats) -> stats.config().equals(BenchMain.STARTER) && stats.transactions() > 0)
			.mapToDouble(RunStats::meanHeldMillis)
			.findFirst()
			.orElse(Double.NaN);
	}

	private void startupTarget() {
		StartupResult startup = this.results.startup();
		if (!startup.measured()) {
			line("| sample app starts within 10 %% of plain Spring Boot | not measured: %s | – |",
					cell(String.valueOf(startup.reason())));
			return;
		}
		line("| sample app starts within 10 %% of plain Spring Boot | median %s s vs %s s = %s | %s |",
				num(StartupResult.median(startup.withStarter()), 2), num(StartupResult.median(startup.plain()), 2),
				times(startup.ratio()), yesNo(startup.ratio() <= STARTUP_TARGET));
	}

	private void clientsTable(int clients) {
		Optional<RunStats> oracle = this.results.oracle(clients);
		Optional<PgbenchResult> pgbench = this.results.bestPgbench();
		line("## %d clients", clients);
		line("");
		line("| config | pool size | tps | p50 ms | p99 ms | p99 acquire ms | mean held ms | timeouts | errors "
				+ "| server conns (max / busy) | others busy | CPU: clients / server / other | tps / oracle | p99 / oracle "
				+ "| tps / pgbench |");
		line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (RunStats stats : this.results.runs().get(clients)) {
			boolean isOracle = oracle.isPresent() && oracle.get() == stats;
			line("| %s | %d | %s | %s | %s | %s | %s | %d | %d | %d / %d | %s | %s | %s | %s | %s |",
					isOracle ? "**" + stats.config() + " (oracle)**" : stats.config(), stats.poolSize(),
					num(stats.tps(), 0), num(stats.p50Millis(), 2), num(stats.p99Millis(), 2),
					num(stats.p99AcquireMillis(), 2), num(stats.meanHeldMillis(), 2), stats.timeouts(),
					stats.errors(), stats.serverConnections(), stats.serverBusy(), num(stats.othersBusy(), 1),
					cpu(stats.cpu()),
					ratio(stats.tps(), oracle.map(RunStats::tps).orElse(Double.NaN)),
					times(Oracle.ratio(stats.p99Millis(), oracle.map(RunStats::p99Millis).orElse(Double.NaN))),
					ratio(stats.tps(), pgbench.map(PgbenchResult::tps).orElse(Double.NaN)));
		}
		List<RunStats> notes = this.results.runs().get(clients).stream().filter((s) -> s.note() != null).toList();
		if (!notes.isEmpty()) {
			line("");
			notes.forEach((stats) -> line("- %s: %s", stats.config(), cell(stats.note())));
		}
		line("");
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
		line("| clients | tps | p50 ms | p99 ms | failed | note |");
		line("|---|---|---|---|---|---|");
		for (PgbenchResult result : this.results.pgbench()) {
			line("| %d | %s | %s | %s | %d | %s |", result.clients(), num(result.tps(), 0), num(result.p50Millis(), 2),
					num(result.p99Millis(), 2), result.failed(), (result.note() != null) ? cell(result.note()) : "");
		}
		line("");
	}

	private void hotPath() {
		line("## Hot path (JMH)");
		line("");
		HotPathResult hot = this.results.hotPath();
		if (hot.rows().isEmpty()) {
			line("%s", hot.note());
			line("");
			return;
		}
		line("`getConnection()` + `close()`, ns per borrow ± JMH's 99.9 %% interval, all pools of the same size on the "
				+ "same server: a bare HikariDataSource with HikariCP's defaults; the same with the %d s leak-detection "
				+ "threshold the prod profile sets (HikariCP schedules and cancels a task on every borrow for it); and the "
				+ "DataSource the starter builds (its HikariDataSource subclass and its usage-recording metrics tracker, "
				+ "prod profile).", HotPathBenchmark.PROD_LEAK_DETECTION.toSeconds());
		line("");
		line("| benchmark | threads | bare | bare + leak detection | starter | starter vs bare | starter vs bare + leak "
				+ "detection |");
		line("|---|---|---|---|---|---|---|");
		for (HotPathResult.Row row : hot.rows()) {
			HotPathResult.Score leak = row.bareLeak();
			HotPathResult.Score own = row.ownOverhead();
			line("| %s | %d | %s | %s | %s | %s ± %s | %s |", row.benchmark(), row.threads(), score(row.bare()),
					(leak != null) ? score(leak) : "not run", score(row.starter()), signedPct(row.overhead().nanos()),
					pct1(row.overhead().error()),
					(own != null) ? signedPct(own.nanos()) + " ± " + pct1(own.error()) : "–");
		}
		line("");
	}

	private static String score(HotPathResult.Score score) {
		return num(score.nanos(), 1) + " ± " + num(score.error(), 1);
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
		line("\"Started SampleApplication in X seconds\", %d runs of each kind after a warm-up pair, alternating; "
				+ "without the starter means `--spring.autoconfigure.exclude=` its %d auto-configurations, so that "
				+ "Spring Boot's plain DataSource auto-configuration takes over.", startup.withStarter().size(),
				startup.excluded().split(",").length);
		line("");
		line("| kind | runs (s) | median (s) |");
		line("|---|---|---|");
		line("| with the starter | %s | %s |", list(startup.withStarter()), num(StartupResult.median(startup.withStarter()), 2));
		line("| plain Spring Boot | %s | %s |", list(startup.plain()), num(StartupResult.median(startup.plain()), 2));
		line("");
		line("Ratio of the medians: %s; of the fastest runs: %s (noise on a shared machine only adds time).",
				times(startup.ratio()), times(startup.minimumRatio()));
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

	static String pct(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
	}

	static String cpu(CpuUsage.Shares shares) {
		return Double.isNaN(shares.busy()) ? "–" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f %%",
				shares.clients() * 100, shares.server() * 100, shares.other() * 100);
	}

	static String pct2(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.3f %%", ratio * 100);
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

	private static String ratio(double value, double reference) {
		return pct(Oracle.ratio(value, reference));
	}

	private static String yesNo(boolean met) {
		return met ? "yes" : "**no**";
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? Long.toString(millis / 1000) : num(millis / 1000.0, 1);
	}

	private static String minutes(long seconds) {
		return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
	}

	static String cell(String text) {
		String flat = text.replace('\n', ' ').replace("|", "\\|");
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

}
