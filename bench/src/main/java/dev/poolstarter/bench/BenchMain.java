package dev.poolstarter.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Runs the pool benchmark and writes {@code bench/results/<date>.md} and
 * {@code <date>.png}: the workload through every configuration at every client count,
 * pgbench on the same SQL, the sample application's start-up, and the JMH figures that
 * {@code bench/run.sh} measured before.
 *
 * @author pool-starter
 */
public final class BenchMain {

	static final String STARTER = "starter (auto)";

	static final String STARTER_ADAPTIVE = "starter (adaptive)";

	static final String BOOT_DEFAULT = "Spring Boot default (10)";

	static final String SEED_20 = "seeds (20)";

	static final String SEED_100 = "seeds (100, min idle 10)";

	private final BenchOptions options;

	private final Database database;

	private final AtomicReference<@Nullable BenchPool> current = new AtomicReference<>();

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
		Map<Integer, List<RunStats>> runs = new LinkedHashMap<>();
		for (int clients : this.options.clients()) {
			runs.put(clients, runAll(clients));
		}
		List<PgbenchResult> pgbench = runPgbench();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		dropTable();
		StartupResult startup = measureStartup();
		BenchResults results = new BenchResults(this.options, facts, this.starterSize, this.starterReason, runs,
				pgbench, HotPathResult.read(this.options.jmhCsv()), startup, elapsed);
		Path markdown = this.options.resultsDirectory().resolve(this.options.name() + ".md");
		Path png = this.options.resultsDirectory().resolve(this.options.name() + ".png");
		Plot.write(results, png);
		Report.write(results, markdown, png.getFileName().toString());
		log("Wrote %s and %s", markdown, png);
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

	private List<RunStats> runAll(int clients) throws InterruptedException {
		ClosedLoop loop = new ClosedLoop(this.options.workload(), this.options.warmup(), this.options.duration());
		// the adaptive mode needs time to find its size before it is measured
		ClosedLoop adaptiveLoop = new ClosedLoop(this.options.workload(), this.options.adaptiveWarmup(),
				this.options.duration());
		List<RunStats> results = new ArrayList<>();
		for (PoolConfig config : configs(clients)) {
			RunStats stats = runOne(config.label().equals(STARTER_ADAPTIVE) ? adaptiveLoop : loop, config, clients);
			results.add(stats);
			log("[%3d clients] %-26s size %3d: %7.0f tps, p50 %6.2f ms, p99 %7.2f ms, p99 acquire %7.2f ms, "
					+ "%d timeouts, %d errors, server %d/%d, others busy %.1f, CPU clients/server/other %s%s", clients,
					config.label(), stats.poolSize(), stats.tps(), stats.p50Millis(), stats.p99Millis(),
					stats.p99AcquireMillis(), stats.timeouts(), stats.errors(), stats.serverConnections(),
					stats.serverBusy(), stats.othersBusy(), Report.cpu(stats.cpu()),
					(stats.note() != null) ? " (" + stats.note() + ")" : "");
		}
		return results;
	}

	private RunStats runOne(ClosedLoop loop, PoolConfig config, int clients) throws InterruptedException {
		String applicationName = "bench-" + config.slug() + "-c" + clients;
		try (ServerSampler sampler = new ServerSampler(this.database, applicationName)) {
			BenchPool pool = config.open(this.database, applicationName, this.options.starterProperties());
			this.current.set(pool);
			try {
				if (config.label().equals(STARTER)) {
					this.starterSize = pool.size();
					this.starterReason = pool.sizeReason();
				}
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

	private List<PgbenchResult> runPgbench() {
		List<PgbenchResult> results = new ArrayList<>();
		if (this.options.pgbench() == null) {
			return results;
		}
		Pgbench pgbench = new Pgbench(this.options.pgbench(), this.options.pgbenchScript(), this.database,
				this.options.workload(), this.options.pgbenchDuration());
		for (int clients : this.options.pgbenchClients()) {
			PgbenchResult result = pgbench.run(clients);
			results.add(result);
			log("[pgbench %3d clients] %7.0f tps, p50 %6.2f ms, p99 %7.2f ms, %d failed%s", clients, result.tps(),
					result.p50Millis(), result.p99Millis(), result.failed(),
					(result.note() != null) ? " (" + result.note() + ")" : "");
		}
		return results;
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
