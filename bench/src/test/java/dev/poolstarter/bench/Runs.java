package dev.poolstarter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic runs and results for the tests of the statistics and the report.
 */
final class Runs {

	static final String COMMAND = "bash bench/run.sh --quick --configs=starter,boot,sweep";

	private Runs() {
	}

	static RunStats run(String config, int size, int clients, double tps, double p99, long timeouts) {
		return new RunStats(config, size, clients, (long) tps * 10, tps, p99 / 2, p99, p99 / 3, 2.4, timeouts, 0, size,
				size, 0, new CpuUsage.Shares(0.9, 0.3, 0.55), null);
	}

	/**
	 * Return a series with p99 latency 10 ms and no timeouts in every round.
	 */
	static Series series(String config, int size, int clients, double... tps) {
		List<RunStats> rounds = new ArrayList<>();
		for (double value : tps) {
			rounds.add(run(config, size, clients, value, 10, 0));
		}
		return new Series(config, clients, rounds);
	}

	static Series sweep(int size, int clients, double... tps) {
		return series("size " + size, size, clients, tps);
	}

	static PgbenchSeries pgbench(int clients, double... tps) {
		List<PgbenchResult> rounds = new ArrayList<>();
		for (double value : tps) {
			rounds.add(new PgbenchResult(clients, value, 2.3, 2.8, 0, null));
		}
		return new PgbenchSeries(clients, rounds);
	}

	static BenchOptions options() {
		return BenchOptions.parse("--quick", "--date=2026-12-01", "--command=" + COMMAND, "--clients=8,32",
				"--configs=starter,boot,sweep");
	}

	static MachineFacts facts() {
		return new MachineFacts(2, "AMD EPYC", "1.50", "OpenJDK 64-Bit Server VM 17.0.15", "15.20 (Debian)", 100, 3,
				"on", 0);
	}

	static HotPathResult hotPath() {
		return new HotPathResult(List.of(new HotPathResult.Row("borrowOneThread", 1,
				Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(120, 3), HotPathBenchmark.BARE_LEAK,
						new HotPathResult.Score(830, 15), HotPathBenchmark.STARTER, new HotPathResult.Score(937, 12)))),
				"");
	}

	static StartupResult startup() {
		return new StartupResult(true, null, List.of(3.9, 4.0, 3.8), List.of(3.7, 3.6, 3.7), "a,b");
	}

	/**
	 * Return a run at 8 and 32 clients: the starter's pool (4) at half the oracle's
	 * throughput, Spring Boot's default straddling 95 % at 8 clients, pgbench at 4
	 * clients just below the starter's pool.
	 */
	static BenchResults results() {
		return results(starter8(1650, 1700, 1600), List.of(pgbench(4, 1730, 1750, 1700), pgbench(32, 9100, 9000, 9200)));
	}

	static Series starter8(double... tps) {
		return series(BenchMain.STARTER, 4, 8, tps);
	}

	static BenchResults results(Series starterAt8, List<PgbenchSeries> pgbench) {
		Map<Integer, List<Series>> runs = new LinkedHashMap<>();
		runs.put(8, List.of(starterAt8,
				series(BenchMain.BOOT_DEFAULT, 10, 8, 3000, 3400, 3350), sweep(4, 8, 1700, 1690, 1650),
				sweep(8, 8, 3300, 3350, 3400)));
		runs.put(32, List.of(series(BenchMain.STARTER, 4, 32, 1700, 1650, 1690),
				series(BenchMain.BOOT_DEFAULT, 10, 32, 4100, 4000, 4050), sweep(4, 32, 1690, 1700, 1650),
				sweep(8, 32, 3300, 3350, 3300), sweep(32, 32, 9000, 8800, 9100)));
		return new BenchResults(options(), facts(), 4, "formula: 2 cores x 2", runs, pgbench, hotPath(), startup(),
				Duration.ofSeconds(150));
	}

}
