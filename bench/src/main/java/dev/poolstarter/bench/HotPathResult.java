package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JMH hot-path figures, read from JMH's CSV results ({@code -rf csv}), one block with
 * its own header per round: per benchmark (thread count), the time per borrow of each
 * source of {@code HotPathBenchmark} in each round. An overhead is taken within each
 * round, the two sources measured minutes apart rather than a quarter of an hour, and
 * judged on its median and range over the rounds; a single round is judged on JMH's
 * interval.
 *
 * @param rows one per benchmark
 * @param note why there are none, or empty
 */
record HotPathResult(List<Row> rows, String note) {

	/**
	 * Return the most rounds any benchmark ran.
	 * @return the rounds, 0 when nothing ran
	 */
	int rounds() {
		return this.rows.stream().mapToInt((row) -> row.rounds().size()).max().orElse(0);
	}

	static HotPathResult read(Path csv) {
		if (!Files.isRegularFile(csv)) {
			return new HotPathResult(List.of(), "not measured: no JMH result at " + csv);
		}
		try {
			return parse(Files.readAllLines(csv));
		}
		catch (IOException | RuntimeException ex) {
			return new HotPathResult(List.of(), "not measured: " + ex.getMessage());
		}
	}

	static HotPathResult parse(List<String> lines) {
		if (lines.isEmpty()) {
			return new HotPathResult(List.of(), "not measured: empty JMH result");
		}
		String headerLine = lines.get(0);
		List<String> header = fields(headerLine);
		int benchmark = header.indexOf("Benchmark");
		int threads = header.indexOf("Threads");
		int score = header.indexOf("Score");
		int error = header.indexOf("Score Error (99.9%)");
		int source = header.indexOf("Param: source");
		// by benchmark, one map of scores by source per round
		Map<String, List<Map<String, Score>>> rounds = new LinkedHashMap<>();
		Map<String, Integer> threadCounts = new LinkedHashMap<>();
		int round = 0;
		for (String line : lines.subList(1, lines.size())) {
			if (line.equals(headerLine)) {
				round++;
				continue;
			}
			List<String> row = fields(line);
			if (row.size() <= Math.max(source, error)) {
				continue;
			}
			String name = row.get(benchmark).substring(row.get(benchmark).lastIndexOf('.') + 1);
			threadCounts.put(name, Integer.parseInt(row.get(threads)));
			List<Map<String, Score>> byRound = rounds.computeIfAbsent(name, (key) -> new ArrayList<>());
			while (byRound.size() <= round) {
				byRound.add(new LinkedHashMap<>());
			}
			byRound.get(round)
				.put(row.get(source), new Score(Double.parseDouble(row.get(score)), parseError(row.get(error))));
		}
		List<Row> rows = new ArrayList<>();
		rounds.forEach((name, byRound) -> {
			Row row = new Row(name, threadCounts.get(name), byRound);
			if (row.score(HotPathBenchmark.BARE) != null && (row.score(HotPathBenchmark.STARTER) != null
					|| row.score(HotPathBenchmark.STARTER_ALL) != null)) {
				rows.add(row);
			}
		});
		return new HotPathResult(rows, rows.isEmpty() ? "not measured: no pair of bare and starter results" : "");
	}

	private static double parseError(String value) {
		return (value.isEmpty() || value.equals("NaN")) ? Double.NaN : Double.parseDouble(value);
	}

	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	/**
	 * One JMH score.
	 *
	 * @param nanos ns per borrow and close
	 * @param error the 99.9% confidence half-width
	 */
	record Score(double nanos, double error) {

		/**
		 * Return how much slower this is than another, with its uncertainty (relative
		 * errors added in quadrature).
		 * @param reference the other score
		 * @return {@code this / reference - 1} and its half-width
		 */
		Score overheadOver(Score reference) {
			double ratio = this.nanos / reference.nanos;
			return new Score(ratio - 1, ratio * Math.hypot(this.error / this.nanos, reference.error / reference.nanos));
		}

	}

	/**
	 * How much slower one source is than another: taken within each round, so that the
	 * machine's drift between rounds does not enter it.
	 *
	 * @param rounds the overhead ({@code measured / reference - 1}) in each round
	 * @param error JMH's 99.9 % half-width, relative errors added in quadrature, when
	 * there is one round; {@code NaN} when there are several
	 */
	record Overhead(Spread rounds, double error) {

		static @Nullable Overhead of(List<Score> perRound) {
			if (perRound.isEmpty()) {
				return null;
			}
			double error = (perRound.size() == 1) ? perRound.get(0).error() : Double.NaN;
			return new Overhead(Spread.of(perRound.stream().map(Score::nanos).toList()), error);
		}

		/**
		 * Return the median overhead over the rounds.
		 * @return the overhead, {@code 0.05} for 5 %
		 */
		double median() {
			return this.rounds.median();
		}

		/**
		 * Return whether the overhead is at most a target: on JMH's interval for a single
		 * round, on the range of the rounds otherwise (inconclusive under
		 * {@link Verdict#MIN_ROUNDS}).
		 * @param target the target
		 * @return the verdict
		 */
		Verdict atMost(double target) {
			return (this.rounds.count() == 1) ? Verdict.atMost(median(), this.error, target)
					: Verdict.atMost(this.rounds, target);
		}

	}

	/**
	 * One benchmark: the time per borrow of each source of {@code HotPathBenchmark} that
	 * ran, in each round.
	 *
	 * @param benchmark the benchmark method
	 * @param threads its threads
	 * @param rounds the scores by source, one map per round
	 */
	record Row(String benchmark, int threads, List<Map<String, Score>> rounds) {

		Row {
			rounds = rounds.stream().map(Map::copyOf).toList();
		}

		/**
		 * Create a row of one round.
		 * @param benchmark the benchmark method
		 * @param threads its threads
		 * @param scores the scores by source
		 */
		Row(String benchmark, int threads, Map<String, Score> scores) {
			this(benchmark, threads, List.of(scores));
		}

		/**
		 * Return the bare HikariDataSource's score, HikariCP's defaults.
		 * @return the score
		 */
		Score bare() {
			return this.score(HotPathBenchmark.BARE);
		}

		/**
		 * Return a source's score: the one round's, or the median of the rounds with no
		 * interval (see {@link #spread(String)} for their range).
		 * @param source the source
		 * @return the score, or {@code null} when the source did not run
		 */
		@Nullable Score score(String source) {
			List<Score> scores = scores(source);
			if (scores.isEmpty()) {
				return null;
			}
			return (scores.size() == 1) ? scores.get(0) : new Score(spread(source).median(), Double.NaN);
		}

		/**
		 * Return a source's time per borrow over the rounds.
		 * @param source the source
		 * @return its median and range, not measured when it did not run
		 */
		Spread spread(String source) {
			return Spread.of(scores(source).stream().map(Score::nanos).toList());
		}

		private List<Score> scores(String source) {
			return this.rounds.stream()
				.map((round) -> round.get(source))
				.filter((score) -> score != null)
				.toList();
		}

		/**
		 * Return the starter's DataSource (prod profile) over the bare HikariDataSource.
		 * @return the overhead, or {@code null} when the starter's did not run
		 */
		@Nullable Overhead overhead() {
			return overhead(HotPathBenchmark.STARTER, HotPathBenchmark.BARE);
		}

		/**
		 * Return the starter's DataSource over HikariCP with the same leak detection.
		 * @return the overhead, or {@code null} when either did not run
		 */
		@Nullable Overhead ownOverhead() {
			return overhead(HotPathBenchmark.STARTER, HotPathBenchmark.BARE_LEAK);
		}

		/**
		 * Return the starter's DataSource with every feature on over HikariCP with Spring
		 * Boot's Micrometer metrics tracker.
		 * @return the overhead, or {@code null} when either did not run
		 */
		@Nullable Overhead allOnOverhead() {
			return overhead(HotPathBenchmark.STARTER_ALL, HotPathBenchmark.BARE_METRICS);
		}

		/**
		 * Return one source over another, taken in each round where both ran.
		 * @param source the source
		 * @param reference the reference
		 * @return the overhead, or {@code null} when they never ran in the same round
		 */
		@Nullable Overhead overhead(String source, String reference) {
			List<Score> perRound = this.rounds.stream()
				.filter((round) -> round.containsKey(source) && round.containsKey(reference))
				.map((round) -> round.get(source).overheadOver(round.get(reference)))
				.toList();
			return Overhead.of(perRound);
		}

	}

}
