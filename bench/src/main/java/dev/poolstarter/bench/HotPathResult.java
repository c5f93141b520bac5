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
 * The JMH hot-path figures, read from JMH's CSV result ({@code -rf csv}): per benchmark
 * (thread count), the time per borrow of each source of {@code HotPathBenchmark}.
 *
 * @param rows one per benchmark
 * @param note why there are none, or empty
 */
record HotPathResult(List<Row> rows, String note) {

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
		List<String> header = fields(lines.get(0));
		int benchmark = header.indexOf("Benchmark");
		int threads = header.indexOf("Threads");
		int score = header.indexOf("Score");
		int error = header.indexOf("Score Error (99.9%)");
		int source = header.indexOf("Param: source");
		Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
		Map<String, Integer> threadCounts = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			List<String> row = fields(line);
			if (row.size() <= Math.max(source, error)) {
				continue;
			}
			String name = row.get(benchmark).substring(row.get(benchmark).lastIndexOf('.') + 1);
			threadCounts.put(name, Integer.parseInt(row.get(threads)));
			scores.computeIfAbsent(name, (key) -> new LinkedHashMap<>())
				.put(row.get(source), new Score(Double.parseDouble(row.get(score)), parseError(row.get(error))));
		}
		List<Row> rows = new ArrayList<>();
		scores.forEach((name, bySource) -> {
			if (bySource.containsKey(HotPathBenchmark.BARE) && (bySource.containsKey(HotPathBenchmark.STARTER)
					|| bySource.containsKey(HotPathBenchmark.STARTER_ALL))) {
				rows.add(new Row(name, threadCounts.get(name), bySource));
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
	 * One benchmark: the time per borrow of each source of {@code HotPathBenchmark} that
	 * ran.
	 *
	 * @param benchmark the benchmark method
	 * @param threads its threads
	 * @param scores the scores by source
	 */
	record Row(String benchmark, int threads, Map<String, Score> scores) {

		Row {
			scores = Map.copyOf(scores);
		}

		/**
		 * Return the bare HikariDataSource's score, HikariCP's defaults.
		 * @return the score
		 */
		Score bare() {
			return this.scores.get(HotPathBenchmark.BARE);
		}

		@Nullable Score score(String source) {
			return this.scores.get(source);
		}

		/**
		 * Return the starter's DataSource (prod profile) over the bare HikariDataSource.
		 * @return the overhead, or {@code null} when the starter's did not run
		 */
		@Nullable Score overhead() {
			return overhead(HotPathBenchmark.STARTER, HotPathBenchmark.BARE);
		}

		/**
		 * Return the starter's DataSource over HikariCP with the same leak detection.
		 * @return the overhead, or {@code null} when either did not run
		 */
		@Nullable Score ownOverhead() {
			return overhead(HotPathBenchmark.STARTER, HotPathBenchmark.BARE_LEAK);
		}

		/**
		 * Return the starter's DataSource with every feature on over HikariCP with Spring
		 * Boot's Micrometer metrics tracker.
		 * @return the overhead, or {@code null} when either did not run
		 */
		@Nullable Score allOnOverhead() {
			return overhead(HotPathBenchmark.STARTER_ALL, HotPathBenchmark.BARE_METRICS);
		}

		private @Nullable Score overhead(String source, String reference) {
			Score measured = this.scores.get(source);
			Score base = this.scores.get(reference);
			return (measured != null && base != null) ? measured.overheadOver(base) : null;
		}

	}

}
