package dev.poolstarter.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	@Test
	void configurationIsComparedWithTheOracleOfTheSameRound() {
		Series oracle = Runs.sweep(8, 32, 3000, 2000, 4000);
		Series config = Runs.series(BenchMain.BOOT_DEFAULT, 10, 32, 2900, 1950, 3900);
		Targets.Comparison comparison = Targets.versusOracle(config, oracle);
		assertThat(comparison.tps().min()).isGreaterThan(0.95);
		assertThat(comparison.verdict()).isEqualTo(Verdict.MET);
	}

	@Test
	void throughputStraddlingTheTargetIsInconclusive() {
		Series oracle = Runs.sweep(8, 32, 3000, 3000, 3000);
		Series config = Runs.series(BenchMain.BOOT_DEFAULT, 10, 32, 2340, 3270, 2910);
		assertThat(Targets.versusOracle(config, oracle).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void timeoutsInOneRoundMakeAnOtherwiseMetTargetInconclusive() {
		Series oracle = Runs.sweep(8, 32, 3000, 3000, 3000);
		Series config = new Series(BenchMain.SEED_20, 32, List.of(Runs.run(BenchMain.SEED_20, 20, 32, 3000, 10, 0),
				Runs.run(BenchMain.SEED_20, 20, 32, 3000, 10, 3), Runs.run(BenchMain.SEED_20, 20, 32, 3000, 10, 0)));
		Targets.Comparison comparison = Targets.versusOracle(config, oracle);
		assertThat(comparison.cleanRounds()).isEqualTo(2);
		assertThat(comparison.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
	}

	@Test
	void p99AboveTheTargetInEveryRoundIsNotMetWhateverTheThroughput() {
		Series oracle = Runs.sweep(8, 32, 3000, 3000, 3000);
		Series config = new Series(BenchMain.SEED_100, 32, List.of(Runs.run(BenchMain.SEED_100, 100, 32, 3000, 13, 0),
				Runs.run(BenchMain.SEED_100, 100, 32, 3100, 12.5, 0), Runs.run(BenchMain.SEED_100, 100, 32, 3050, 15, 0)));
		assertThat(Targets.versusOracle(config, oracle).verdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void autoTargetIsNotMetWhenEveryRoundMissesItAtSomeClientCount() {
		Targets.Outcome outcome = new Targets(Runs.results()).againstOracle(BenchMain.STARTER);
		assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MET);
		assertThat(outcome.target()).startsWith("starter `auto` (4): >= 95 % of the oracle's throughput");
		assertThat(outcome.measured()).startsWith("8 clients: 50 % (47–51 %), p99 1.00 x: **not met**; "
				+ "32 clients: 19 %");
	}

	@Test
	void configurationThatWasNotRunIsNotMeasured() {
		Targets.Outcome outcome = new Targets(Runs.results()).againstOracle(BenchMain.STARTER_ADAPTIVE);
		assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MEASURED);
		assertThat(outcome.measured()).isEqualTo("not run (not in `--configs`)");
	}

	@Test
	void jdbcPathComparesTheStartersPoolWithPgbenchOnAsManyConnections() {
		Targets.Outcome outcome = new Targets(Runs.results()).jdbcPath();
		assertThat(outcome.verdict()).isEqualTo(Verdict.MET);
		assertThat(outcome.measured()).isEqualTo("starter `auto` at 8 clients (4 connections) 1650 (1600–1700) tps / "
				+ "pgbench at 4 clients 1730 (1700–1750) tps: 95 % (94–97 %)");
	}

	@Test
	void jdbcPathIsNotMetWhenTheStartersPoolIsSlowEvenIfAPlainPoolMatchesPgbench() {
		BenchResults results = Runs.results(Runs.starter8(1000, 1100, 1050),
				List.of(Runs.pgbench(4, 1730, 1750, 1700), Runs.pgbench(32, 9100, 9000, 9200)));
		assertThat(results.config(32, "size 32")).hasValueSatisfying(
				(plain) -> assertThat(plain.tps().median() / 9100).isGreaterThan(Targets.PGBENCH));
		assertThat(new Targets(results).jdbcPath().verdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void jdbcPathIsNotMeasuredWithoutPgbenchOnTheStartersConnections() {
		BenchResults results = Runs.results(Runs.starter8(1650, 1700, 1600), List.of(Runs.pgbench(32, 9100, 9000, 9200)));
		Targets.Outcome outcome = new Targets(results).jdbcPath();
		assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MEASURED);
		assertThat(outcome.measured()).isEqualTo("not measured: pgbench did not run");
	}

	@Test
	void jdbcPathUsesTheSmallestClientCountThatKeepsThePoolBusy() {
		assertThat(JdbcPath.of(List.of(8, 32, 128), 4)).contains(new JdbcPath(8, 4));
		assertThat(JdbcPath.of(List.of(8, 32, 128), 20)).contains(new JdbcPath(32, 20));
		assertThat(JdbcPath.of(List.of(8, 32), 40)).contains(new JdbcPath(32, 32));
		assertThat(JdbcPath.of(List.of(8, 32), 0)).isEmpty();
	}

	@Test
	void hotPathIsInconclusiveWhenTheErrorBarCrossesTheTarget() {
		HotPathResult noisy = new HotPathResult(List.of(new HotPathResult.Row("borrowOneThread", 1,
				Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(100, 40), HotPathBenchmark.STARTER,
						new HotPathResult.Score(103.7, 60)))), "");
		HotPathResult tight = new HotPathResult(List.of(new HotPathResult.Row("borrowOneThread", 1,
				Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(100, 0.5), HotPathBenchmark.STARTER,
						new HotPathResult.Score(100.5, 0.5)))), "");
		assertThat(new Targets(withHotPath(noisy)).hotPath().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(new Targets(withHotPath(tight)).hotPath().verdict()).isEqualTo(Verdict.MET);
		assertThat(new Targets(Runs.results()).hotPath().verdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void everythingOnIsJudgedAgainstHikariWithBootsMetricsTrackerAtOneThreadOnly() {
		HotPathResult hot = new HotPathResult(List.of(
				new HotPathResult.Row("borrowOneThread", 1,
						Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(50, 0.5), HotPathBenchmark.BARE_METRICS,
								new HotPathResult.Score(100, 0.5), HotPathBenchmark.STARTER_ALL,
								new HotPathResult.Score(103, 0.5))),
				new HotPathResult.Row("borrowTwoThreads", 2,
						Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(60, 0.5), HotPathBenchmark.BARE_METRICS,
								new HotPathResult.Score(120, 0.5), HotPathBenchmark.STARTER_ALL,
								new HotPathResult.Score(180, 0.5)))),
				"");
		Targets.Outcome outcome = Targets.hotPathAllOn(hot);
		assertThat(outcome.verdict()).isEqualTo(Verdict.MET);
		assertThat(outcome.measured()).isEqualTo("1 thread: +3.0 % ± 0.7 % (103.0 against 100.0 ns); "
				+ "2 threads: +50.0 % ± 0.8 % (180.0 against 120.0 ns), not judged");
	}

	@Test
	void everythingOnIsNotMetWhenItsWholeIntervalIsAboveFivePercent() {
		HotPathResult hot = new HotPathResult(List.of(new HotPathResult.Row("borrowOneThread", 1,
				Map.of(HotPathBenchmark.BARE, new HotPathResult.Score(50, 0.5), HotPathBenchmark.BARE_METRICS,
						new HotPathResult.Score(100, 0.5), HotPathBenchmark.STARTER_ALL,
						new HotPathResult.Score(108, 0.5)))),
				"");
		assertThat(Targets.hotPathAllOn(hot).verdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void everythingOnIsNotMeasuredWithoutBothSources() {
		Targets.Outcome outcome = Targets.hotPathAllOn(Runs.hotPath());
		assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MEASURED);
		assertThat(outcome.measured()).isEqualTo("not measured: the sources starter-all and bare-metrics did not both run");
	}

	@Test
	void startupIsJudgedPairByPair() {
		Targets.Outcome outcome = new Targets(Runs.results()).startup();
		assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(outcome.measured()).isEqualTo("median 3.90 s with, 3.70 s without; per pair 1.05 x (1.03–1.11 x), "
				+ "3 pairs");
	}

	private static BenchResults withHotPath(HotPathResult hotPath) {
		BenchResults results = Runs.results();
		return new BenchResults(results.options(), results.facts(), results.starterSize(), results.starterReason(),
				results.runs(), results.pgbench(), hotPath, results.startup(), results.elapsed());
	}

}
