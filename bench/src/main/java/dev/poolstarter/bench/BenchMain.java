package dev.poolstarter.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Runs the pool benchmark and writes {@code bench/results/<date>.md} and
 * {@code <date>.png}: in each of several rounds the workload through every configuration
 * at every client count and pgbench on the same SQL, then the sample application's
 * start-up, with the JMH figures that {@code bench/run.sh} measured before.
 *
 * @author pool-starter
 */
public final class BenchMain {

	static final String STARTER = "starter (auto)";

	static final String STARTER_ADAPTIVE = "starter (adaptive)";

	static final String BOOT_DEFAULT = "Spring Boot default (10)";

	static final String SEED_20 = "seeds (20)";

	static final String SEED_100 = "seeds (100, min idle 10)";

	// a fresh pool, its sampler and the clients' start and stop, measured on a 2-core machine
	private static final double RUN_OVERHEAD_SECONDS = 1;

	private static final double PGBENCH_OVERHEAD_SECONDS = 0.5;

	private final BenchOptions options;

	private final Database database;

	private final AtomicReference<@Nullable BenchPool> current = new AtomicReference<>();

	private final Map<Integer, Map<String, List<RunStats>>> runs = new LinkedHashMap<>();

	private final Map<Integer, List<PgbenchResult>> pgbench = new TreeMap<>();

	private int starterSize;

	private String starterReason = "not started";

	private BenchMain(BenchOptions options, Database database) {
		this.options = options;
		this.database = database;
	}

	public static void main(String[] args) {
		BenchOptions options = BenchOptions.parse(args);
		BenchMain bench = new BenchMain(options, Database.fromEnvironment(System.getenv()));
		Thread cleanup = new Thread(bench::cleanUp, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		int status = 0;
		try {
			bench.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			bench.cleanUp();
			Runtime.getRuntime().removeShutdownHook(cleanup);
		}
		// HikariCP's and the sampler's threads must not keep the JVM alive
		System.exit(status);
	}

	private void run() throws Exception {
		MachineFacts facts;
		try (Connection connection = this.database.connect("bench-setup")) {
			facts = MachineFacts.read(connection);
			this.options.workload().prepare(connection);
		}
		log("%d cores, PostgreSQL %s, max_connections %d, %d other sessions; %s", facts.cores(),
				facts.serverVersion(), facts.maxConnections(), facts.otherSessions(), this.options.workload().describe());
		long start = System.nanoTime();
		warmUpJvm();
		probeStarter();
		Optional<JdbcPath> path = this.options.configs().contains("starter")
				? JdbcPath.of(this.options.clients(), this.starterSize) : Optional.empty();
		List<Integer> pgbenchClients = this.options.pgbenchClients()
			.stream()
			.filter((clients) -> path.isEmpty() || clients != path.get().connections())
			.toList();
		logPlan(pgbenchClients.size() + (path.isPresent() ? 1 : 0));
		for (int round = 1; round <= this.options.repeats(); round++) {
			runRound(round, path, pgbenchClients);
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		dropTable();
		StartupResult startup = measureStartup();
		BenchResults results = new BenchResults(this.options, facts, this.starterSize, this.starterReason, series(),
				this.pgbench.entrySet()
					.stream()
					.map((entry) -> new PgbenchSeries(entry.getKey(), entry.getValue()))
					.toList(),
				HotPathResult.read(this.options.jmhCsv()), startup, elapsed);
		Path markdown = this.options.resultsDirectory().resolve(this.options.name() + ".md");
		Path png = this.options.resultsDirectory().resolve(this.options.name() + ".png");
		Plot.write(results, png);
		Report.write(results, markdown, png.getFileName().toString());
		log("Wrote %s and %s", markdown, png);
	}

	// pgbench on the starter's connections right after the starter's pool, for the JDBC path
	private void runRound(int round, Optional<JdbcPath> path, List<Integer> pgbenchClients)
			throws InterruptedException {
		for (int clients : this.options.clients()) {
			List<PoolConfig> configs = new ArrayList<>(configs(clients));
			if (round % 2 == 0) {
				Collections.reverse(configs);
			}
			for (PoolConfig config : configs) {
				this.runs.computeIfAbsent(clients, (key) -> new LinkedHashMap<>())
					.computeIfAbsent(config.label(), (key) -> new ArrayList<>())
					.add(runLogged(round, config, clients));
				if (config.label().equals(STARTER) && path.isPresent() && path.get().clients() == clients) {
					runPgbench(round, path.get().connections());
				}
			}
		}
		for (int clients : pgbenchClients) {
			runPgbench(round, clients);
		}
	}

	// the configurations in their forward order, whatever order the rounds ran them in
	private Map<Integer, List<Series>> series() {
		Map<Integer, List<Series>> series = new LinkedHashMap<>();
		this.runs.forEach((clients, byConfig) -> series.put(clients, configs(clients).stream()
			.map((config) -> new Series(config.label(), clients, byConfig.get(config.label())))
			.toList()));
		return series;
	}

	private void logPlan(int pgbenchRuns) {
		int runs = this.options.clients().stream().mapToInt((clients) -> configs(clients).size()).sum();
		int pgbench = (this.options.pgbench() != null) ? pgbenchRuns : 0;
		log("%d round(s) of %d workload runs and %d pgbench runs: about %s", this.options.repeats(), runs, pgbench,
				Report.minutes(Math.round(plannedSeconds(pgbench))));
	}

	private double plannedSeconds(int pgbenchRuns) {
		double perRound = 0;
		for (int clients : this.options.clients()) {
			for (PoolConfig config : configs(clients)) {
				perRound += warmup(config).plus(this.options.duration()).toMillis() / 1000.0 + RUN_OVERHEAD_SECONDS;
			}
		}
		perRound += pgbenchRuns * (this.options.pgbenchDuration().toSeconds() + PGBENCH_OVERHEAD_SECONDS);
		return perRound * this.options.repeats();
	}

	private Duration warmup(PoolConfig config) {
		// the adaptive mode needs time to find its size before it is measured
		return config.label().equals(STARTER_ADAPTIVE) ? this.options.adaptiveWarmup() : this.options.warmup();
	}

	private void probeStarter() {
		if (!this.options.configs().contains("starter")) {
			return;
		}
		try (BenchPool pool = PoolConfig.starterAuto().open(this.database, "bench-probe", this.options.starterProperties())) {
			this.starterSize = pool.size();
			this.starterReason = pool.sizeReason();
		}
		catch (Exception ex) {
			this.starterReason = "did not start: " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		log("The starter's pool: size %d (%s)", this.starterSize, this.starterReason);
	}

	// the first configuration measured must not pay for the JIT compiling pgjdbc and HikariCP
	private void warmUpJvm() throws InterruptedException {
		ClosedLoop loop = new ClosedLoop(this.options.workload(), Duration.ZERO, this.options.jvmWarmup());
		RunStats stats = runOne(loop, PoolConfig.plain("JVM warm-up", 8, null), 16);
		log("JVM warm-up: %.0f tps over %d s (not reported)", stats.tps(), this.options.jvmWarmup().toSeconds());
	}

	private List<PoolConfig> configs(int clients) {
		List<String> selected = this.options.configs();
		List<PoolConfig> configs = new ArrayList<>();
		if (selected.contains("starter")) {
			configs.add(PoolConfig.starterAuto());
		}
		if (selected.contains("starter-adaptive")) {
			configs.add(PoolConfig.starterAdaptive());
		}
		if (selected.contains("boot")) {
			configs.add(PoolConfig.plain(BOOT_DEFAULT, 10, null));
		}
		if (selected.contains("seed20")) {
			configs.add(PoolConfig.plain(SEED_20, 20, null));
		}
		if (selected.contains("seed100")) {
			configs.add(PoolConfig.plain(SEED_100, 100, 10));
		}
		if (selected.contains("sweep")) {
			// a pool larger than the clients has nothing more to lend: the sweep stops there
			this.options.sweepSizes()
				.stream()
				.filter((size) -> size <= clients)
				.forEach((size) -> configs.add(PoolConfig.sweep(size)));
		}
		return configs;
	}

	private RunStats runLogged(int round, PoolConfig config, int clients) throws InterruptedException {
		ClosedLoop loop = new ClosedLoop(this.options.workload(), warmup(config), this.options.duration());
		RunStats stats = runOne(loop, config, clients);
		log("[round %d, %3d clients] %-26s size %3d: %7.0f tps, p50 %6.2f ms, p99 %7.2f ms, p99 acquire %7.2f ms, "
				+ "%d timeouts, %d errors, server %d/%d, others busy %.1f, CPU clients/server/other %s%s", round, clients,
				config.label(), stats.poolSize(), stats.tps(), stats.p50Millis(), stats.p99Millis(),
				stats.p99AcquireMillis(), stats.timeouts(), stats.errors(), stats.serverConnections(),
				stats.serverBusy(), stats.othersBusy(), Report.cpu(stats.cpu()),
				(stats.note() != null) ? " (" + stats.note() + ")" : "");
		return stats;
	}

	private RunStats runOne(ClosedLoop loop, PoolConfig config, int clients) throws InterruptedException {
		String applicationName = "bench-" + config.slug() + "-c" + clients;
		try (ServerSampler sampler = new ServerSampler(this.database, applicationName)) {
			BenchPool pool = config.open(this.database, applicationName, this.options.starterProperties());
			this.current.set(pool);
			try {
				return loop.run(config.label(), pool, clients, sampler);
			}
			finally {
				closeCurrent();
			}
		}
		catch (SQLException | RuntimeException ex) {
			return RunStats.failed(config.label(), config.size(), clients,
					"did not start: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void runPgbench(int round, int clients) {
		if (this.options.pgbench() == null) {
			return;
		}
		Pgbench pgbench = new Pgbench(this.options.pgbench(), this.options.pgbenchScript(), this.database,
				this.options.workload(), this.options.pgbenchDuration());
		PgbenchResult result = pgbench.run(clients);
		this.pgbench.computeIfAbsent(clients, (key) -> new ArrayList<>()).add(result);
		log("[round %d, pgbench %3d clients] %7.0f tps, p50 %6.2f ms, p99 %7.2f ms, %d failed%s", round, clients,
				result.tps(), result.p50Millis(), result.p99Millis(), result.failed(),
				(result.note() != null) ? " (" + result.note() + ")" : "");
	}

	private StartupResult measureStartup() {
		if (this.options.sampleSkip() != null) {
			return StartupResult.notMeasured(this.options.sampleSkip());
		}
		if (this.options.sampleJar() == null) {
			return StartupResult.notMeasured("no sample application jar was given (--sample-jar)");
		}
		StartupResult result = new StartupTimer(this.options.sampleJar(), this.options.sampleArguments())
			.measure(this.options.startupRuns());
		log("Start-up: %s", result.measured() ? String.format(Locale.ROOT, "with the starter %s s, plain %s s",
				result.withStarter(), result.plain()) : "not measured: " + result.reason());
		return result;
	}

	private void closeCurrent() {
		BenchPool pool = this.current.getAndSet(null);
		if (pool != null) {
			try {
				pool.close();
			}
			catch (Exception ex) {
				log("Closing the pool failed: %s", ex.getMessage());
			}
		}
	}

	private void dropTable() {
		try (Connection connection = this.database.connect("bench-cleanup")) {
			Workload.drop(connection);
		}
		catch (SQLException ex) {
			log("Dropping %s failed: %s", Workload.TABLE, ex.getMessage());
		}
	}

	private synchronized void cleanUp() {
		closeCurrent();
		dropTable();
	}

	static void log(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

}
