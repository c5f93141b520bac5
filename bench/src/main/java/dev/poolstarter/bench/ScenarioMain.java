package dev.poolstarter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Runs the scenario mode ({@code bench/run.sh --scenario=shifting,fleet}) and writes
 * {@code bench/results/<name>.md} with its plots: the shifting scenario through the
 * starter's adaptive pool and every static size, in rounds that interleave them, in each
 * server regime; the fleet of starter pools against one fleet budget; and the JMH figures
 * that {@code bench/run.sh} measured before.
 *
 * @author pool-starter
 */
public final class ScenarioMain {

	static final String CONTROLLER = BenchMain.STARTER_ADAPTIVE;

	// a fresh pool (or a Spring context), the clients' start and stop
	private static final double RUN_OVERHEAD_SECONDS = 5;

	private static final IntConsumer NO_HOOK = (phase) -> {
	};

	private final ScenarioOptions options;

	private final Database database;

	private final AtomicReference<@Nullable BenchPool> current = new AtomicReference<>();

	private final Map<Regime, Map<String, List<ScenarioRun>>> shifting = new LinkedHashMap<>();

	private final List<FleetRound> fleet = new ArrayList<>();

	private final List<ProbeRound> probes = new ArrayList<>();

	private ScenarioMain(ScenarioOptions options, Database database) {
		this.options = options;
		this.database = database;
	}

	public static void main(String[] args) {
		ScenarioOptions options = ScenarioOptions.parse(args);
		ScenarioMain bench = new ScenarioMain(options, Database.fromEnvironment(System.getenv()));
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
		// HikariCP's and the samplers' threads must not keep the JVM alive
		System.exit(status);
	}

	private void run() throws Exception {
		MachineFacts facts;
		try (Connection connection = this.database.connect("bench-setup")) {
			facts = MachineFacts.read(connection);
			this.options.workload().prepare(connection);
		}
		BenchMain.log("%d cores, PostgreSQL %s, max_connections %d, %d other sessions; scenarios %s", facts.cores(),
				facts.serverVersion(), facts.maxConnections(), facts.otherSessions(),
				String.join(", ", this.options.scenarios()));
		BenchMain.log("%d round(s): about %s", this.options.repeats(), Report.minutes(Math.round(plannedSeconds())));
		long start = System.nanoTime();
		warmUpJvm();
		for (int round = 1; round <= this.options.repeats(); round++) {
			if (this.options.runs("shifting")) {
				for (Regime regime : this.options.regimes()) {
					runShifting(round, regime);
				}
			}
			if (this.options.runs("fleet")) {
				runFleet(round);
			}
			if (this.options.runs("probes")) {
				runProbes(round);
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		dropTable();
		ScenarioResults results = new ScenarioResults(this.options, facts, shiftingResults(),
				this.options.runs("fleet") ? new FleetResult(this.options.fleet(), List.copyOf(this.fleet)) : null,
				this.options.runs("probes") ? new ProbeResult(this.options.probe(), List.copyOf(this.probes)) : null,
				HotPathResult.read(this.options.jmhCsv()), elapsed);
		Path markdown = this.options.resultsDirectory().resolve(this.options.name() + ".md");
		Path png = this.options.resultsDirectory().resolve(this.options.name() + ".png");
		ScenarioPlot.write(results, png);
		ScenarioReport.write(results, markdown, png.getFileName().toString());
		BenchMain.log("Wrote %s%s", markdown, Files.exists(png) ? " and " + png : "");
	}

	double plannedSeconds() {
		double perRound = 0;
		if (this.options.runs("shifting")) {
			perRound += this.options.regimes().size() * configs().size()
					* (this.options.scenario().seconds() + RUN_OVERHEAD_SECONDS);
		}
		if (this.options.runs("fleet")) {
			perRound += this.options.fleet().seconds() + RUN_OVERHEAD_SECONDS * 2;
		}
		if (this.options.runs("probes")) {
			perRound += 4 * (this.options.probe().scenario().seconds() + RUN_OVERHEAD_SECONDS);
		}
		return perRound * this.options.repeats() + this.options.jvmWarmup().toSeconds();
	}

	// the controller first, then the static sizes, smallest first
	private List<PoolConfig> configs() {
		List<PoolConfig> configs = new ArrayList<>();
		configs.add(PoolConfig.starterAdaptive());
		this.options.sizes()
			.forEach((size) -> configs
				.add(this.options.starterStatics() ? PoolConfig.starterSweep(size) : PoolConfig.sweep(size)));
		return configs;
	}

	private void runShifting(int round, Regime regime) throws InterruptedException {
		Scenario scenario = this.options.scenario().inRegime(regime, this.options.waitBoundHoldMillis());
		List<PoolConfig> configs = configs();
		if (round % 2 == 0) {
			Collections.reverse(configs);
		}
		for (PoolConfig config : configs) {
			ScenarioRun run = runOne(scenario, regime, config);
			this.shifting.computeIfAbsent(regime, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(config.label(), (key) -> new ArrayList<>())
				.add(run);
			log(round, regime, run);
		}
	}

	private ScenarioRun runOne(Scenario scenario, Regime regime, PoolConfig config) throws InterruptedException {
		return runOne(scenario, config, "bench-" + config.slug() + "-" + regime.label(), config.label(),
				(pool) -> NO_HOOK);
	}

	// one fresh pool through a scenario, with something done to it as each phase starts;
	// a hook that holds resources is closed before the pool
	private ScenarioRun runOne(Scenario scenario, PoolConfig config, String applicationName, String label,
			Function<BenchPool, IntConsumer> atPhase) throws InterruptedException {
		try {
			BenchPool pool = config.open(this.database, applicationName, this.options.starterProperties());
			this.current.set(pool);
			IntConsumer hook = NO_HOOK;
			try {
				hook = atPhase.apply(pool);
				return new PhasedLoop(scenario, this.options.workload()).run(label, pool, "bench", hook);
			}
			finally {
				if (hook instanceof ConnectionReserve reserve) {
					reserve.close();
				}
				closeCurrent();
			}
		}
		catch (RuntimeException ex) {
			return ScenarioRun.failed(label, scenario,
					"did not start: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void log(int round, Regime regime, ScenarioRun run) {
		StringBuilder phases = new StringBuilder();
		for (PhaseStats phase : run.phases()) {
			phases.append((phases.length() > 0) ? " / " : "").append(Report.num(phase.tps(), 0));
		}
		ScenarioRun.SizeRange sizes = run.sizes(0, Double.MAX_VALUE);
		BenchMain.log("[round %d, %s] %-20s %7.0f tps, p99 %7.2f ms, %d timeouts, %d errors, size %d-%d (last %d); "
				+ "tps per phase %s%s", round, regime.label(), run.config(), run.total().tps(), run.total().p99Millis(),
				run.total().timeouts(), run.total().errors(), sizes.min(), sizes.max(), sizes.last(), phases,
				(run.note() != null) ? " (" + run.note() + ")" : "");
	}

	private void runFleet(int round) throws InterruptedException {
		String service = "bench-fleet-" + ProcessHandle.current().pid() + "-r" + round;
		FleetRun run = new FleetRun(this.database, this.options.fleet(), this.options.workload(),
				this.options.starterProperties(), service);
		try {
			FleetRound result = run.run();
			this.fleet.add(result);
			BenchMain.log("[round %d, fleet] largest fleet total %d (pools %d) against a budget of %d, %d of %d "
					+ "samples above it; instances %s", round, result.largestTotal(), result.largestPoolTotal(),
					result.budget(), result.samplesOverBudget(), result.samples().size(),
					String.join(", ", result.instances()
						.stream()
						.map((instance) -> instance.id() + " "
								+ result.convergence(result.instances().indexOf(instance),
										this.options.fleet().settle())
									.size()
								+ ((instance.note() != null) ? " (" + instance.note() + ")" : ""))
						.toList()));
		}
		catch (SQLException ex) {
			BenchMain.log("[round %d, fleet] failed: %s", round, ex.getMessage());
		}
	}

	// the four pools in alternating order; each pool is the starter's with fixed sizing
	private void runProbes(int round) throws InterruptedException {
		ProbePlan plan = this.options.probe();
		Map<String, ScenarioRun> runs = new LinkedHashMap<>();
		List<String> order = new ArrayList<>(List.of("larger", "smaller", "limit", "reserve"));
		if (round % 2 == 0) {
			Collections.reverse(order);
		}
		AtomicReference<@Nullable ConnectionReserve> reserve = new AtomicReference<>();
		for (String pool : order) {
			PoolConfig config = PoolConfig.starterSweep(pool.equals("smaller") ? plan.to() : plan.from());
			String label = switch (pool) {
				case "limit" -> "size " + plan.from() + " lending " + plan.to();
				case "reserve" -> "size " + plan.from() + " holding " + (plan.from() - plan.to());
				default -> config.label();
			};
			runs.put(pool, runOne(plan.scenario(), config, "bench-probe-" + config.slug() + "-" + pool, label,
					(started) -> switch (pool) {
						case "limit" -> new LimitSwitch(started, plan);
						case "reserve" -> {
							ConnectionReserve created = new ConnectionReserve(started, plan);
							reserve.set(created);
							yield created;
						}
						default -> NO_HOOK;
					}));
		}
		ConnectionReserve held = reserve.get();
		double reserveMillis = (held != null) ? held.medianReachMillis() : Double.NaN;
		ProbeRound result = new ProbeRound(plan, runs.get("larger"), runs.get("smaller"), runs.get("limit"),
				runs.get("reserve"), reserveMillis);
		this.probes.add(result);
		BenchMain.log("[round %d, probes] %s %.0f tps, %s %.0f tps, %s %.0f tps, %s %.0f tps; smaller / larger: "
				+ "static %s, lending limit %s, held aside %s (all held in %s ms), control %s", round,
				result.larger().config(), result.larger().total().tps(), result.smaller().config(),
				result.smaller().total().tps(), result.lending().config(), result.lending().total().tps(),
				result.holding().config(), result.holding().total().tps(), Report.pct(result.staticRatio()),
				Report.pct(result.lendingRatio()), Report.pct(result.holdingRatio()), Report.num(reserveMillis, 0),
				Report.pct(result.controlRatio()));
	}

	private List<ShiftingResult> shiftingResults() {
		List<ShiftingResult> results = new ArrayList<>();
		this.shifting.forEach((regime, byConfig) -> results.add(new ShiftingResult(regime,
				this.options.scenario().inRegime(regime, this.options.waitBoundHoldMillis()),
				configs().stream()
					.filter((config) -> byConfig.containsKey(config.label()))
					.map((config) -> new ScenarioSeries(config.label(), config.sweep() ? config.size() : 0,
							byConfig.get(config.label())))
					.toList())));
		return results;
	}

	// the first configuration measured must not pay for the JIT compiling pgjdbc and HikariCP
	private void warmUpJvm() throws InterruptedException {
		if (this.options.jvmWarmup().isZero()) {
			return;
		}
		Scenario warmUp = new Scenario(List.of(new Phase(16, 1, (int) Math.max(1, this.options.jvmWarmup().toSeconds()))));
		PoolConfig config = PoolConfig.plain("JVM warm-up", 8, null);
		ScenarioRun run = runOne(warmUp, Regime.SERVER_BOUND, config);
		BenchMain.log("JVM warm-up: %.0f tps over %d s (not reported)", run.total().tps(),
				this.options.jvmWarmup().toSeconds());
	}

	private void closeCurrent() {
		BenchPool pool = this.current.getAndSet(null);
		if (pool != null) {
			try {
				pool.close();
			}
			catch (Exception ex) {
				BenchMain.log("Closing the pool failed: %s", ex.getMessage());
			}
		}
	}

	private void dropTable() {
		try (Connection connection = this.database.connect("bench-cleanup")) {
			Workload.drop(connection);
		}
		catch (SQLException ex) {
			BenchMain.log("Dropping %s failed: %s", Workload.TABLE, ex.getMessage());
		}
	}

	private synchronized void cleanUp() {
		closeCurrent();
		dropTable();
	}

}
