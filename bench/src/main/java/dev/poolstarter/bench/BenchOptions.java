package dev.poolstarter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to run, from {@code bench/run.sh}'s {@code --name=value} arguments; {@code --quick}
 * changes the defaults to a short run of fewer client counts, sizes and configurations
 * that holds at most 32 pool connections.
 *
 * @param quick whether this is a short run
 * @param repeats the rounds: each runs every configuration at every client count and
 * pgbench once
 * @param clients the client counts
 * @param sweepSizes the pool sizes of the sweep
 * @param jvmWarmup the workload run once before the first measured run, for the JIT
 * @param warmup the warm-up of each run
 * @param adaptiveWarmup the warm-up of the starter's adaptive mode, which must find its
 * size first
 * @param duration the measured window of each run
 * @param workload the transaction
 * @param configs which configurations to run: starter, starter-adaptive, boot, seed20,
 * seed100 and sweep
 * @param pgbench pgbench's executable, or {@code null} to skip it
 * @param pgbenchScript the transaction for pgbench
 * @param pgbenchClients pgbench's client counts (the run adds the starter's pool size,
 * for the JDBC path)
 * @param pgbenchDuration each pgbench run's duration
 * @param jmhCsv JMH's result
 * @param sampleJar the sample application's jar, or {@code null}
 * @param sampleSkip why the sample application's start-up is not measured, or {@code null}
 * @param sampleArguments arguments for the sample application
 * @param startupRuns start-ups of each kind
 * @param resultsDirectory where the results go
 * @param date the results' date
 * @param name the results' file name, without extension
 * @param command the command line, for the results
 * @param starterProperties extra properties for the starter's context
 */
record BenchOptions(boolean quick, int repeats, List<Integer> clients, List<Integer> sweepSizes, Duration jvmWarmup,
		Duration warmup, Duration adaptiveWarmup, Duration duration,
		Workload workload, List<String> configs, @Nullable String pgbench, Path pgbenchScript, List<Integer> pgbenchClients,
		Duration pgbenchDuration, Path jmhCsv, @Nullable Path sampleJar, @Nullable String sampleSkip,
		List<String> sampleArguments, int startupRuns, Path resultsDirectory, String date, String name, String command,
		Map<String, String> starterProperties) {

	// The same servers for both kinds of start-up, named explicitly so that the sample's dev
	// servers (an embedded Kafka broker, seconds of start-up that both kinds would share)
	// stay out of the comparison; Kafka points nowhere and starts nothing, so that start-up
	// does not wait for a broker.
	static final String SAMPLE_ARGUMENTS = "--sample.dev-servers.mode=off --server.port=0 "
			+ "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/postgres --spring.datasource.username=postgres "
			+ "--spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 "
			+ "--spring.kafka.bootstrap-servers=127.0.0.1:9 --spring.kafka.admin.auto-create=false "
			+ "--spring.kafka.listener.auto-startup=false";

	static final String CONFIGS = "starter,starter-adaptive,boot,seed20,seed100,sweep";

	static final String QUICK_CONFIGS = "starter,boot,sweep";

	static BenchOptions parse(String... args) {
		Map<String, String> starterProperties = new LinkedHashMap<>();
		return of(values(args, starterProperties), starterProperties);
	}

	/**
	 * Return the {@code --name=value} arguments by name ({@code --name} alone is
	 * {@code true}), and collect each {@code --starter-property=key=value}.
	 * @param args the arguments
	 * @param starterProperties receives the starter's properties
	 * @return the other arguments' values by name
	 */
	static Map<String, String> values(String[] args, Map<String, String> starterProperties) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "': use --name=value");
			}
			String[] pair = arg.substring(2).split("=", 2);
			String value = (pair.length > 1) ? pair[1] : "true";
			if (pair[0].equals("starter-property")) {
				String[] property = value.split("=", 2);
				starterProperties.put(property[0], (property.length > 1) ? property[1] : "");
			}
			else {
				values.put(pair[0], value);
			}
		}
		return values;
	}

	private static BenchOptions of(Map<String, String> values, Map<String, String> starterProperties) {
		boolean quick = Boolean.parseBoolean(values.getOrDefault("quick", "false"));
		Workload workload = new Workload(Integer.parseInt(values.getOrDefault("rows", "10000")),
				Double.parseDouble(values.getOrDefault("hold-ms", "1")));
		String pgbench = values.getOrDefault("pgbench", "pgbench");
		String sampleJar = values.get("sample-jar");
		int repeats = Integer.parseInt(values.getOrDefault("repeats", "3"));
		if (repeats < 1) {
			throw new IllegalArgumentException("--repeats=" + repeats + " must be at least 1");
		}
		return new BenchOptions(quick, repeats, ints(values.getOrDefault("clients", quick ? "8,128" : "8,32,128")),
				ints(values.getOrDefault("sizes", quick ? "4,8,16,32" : "1,2,3,4,6,8,12,16,24,32,48,64")),
				seconds(values.getOrDefault("jvm-warmup", quick ? "5" : "15")),
				seconds(values.getOrDefault("warmup", quick ? "1" : "4")),
				seconds(values.getOrDefault("adaptive-warmup", quick ? "30" : "60")),
				seconds(values.getOrDefault("duration", quick ? "3" : "10")), workload,
				words(values.getOrDefault("configs", quick ? QUICK_CONFIGS : CONFIGS).replace(',', ' ')),
				pgbench.equals("none") ? null : pgbench,
				Path.of(values.getOrDefault("pgbench-script", "bench/sql/transaction.sql")),
				ints(values.getOrDefault("pgbench-clients", quick ? "32" : "4,8,16,32")),
				seconds(values.getOrDefault("pgbench-duration", quick ? "3" : "10")),
				Path.of(values.getOrDefault("jmh-csv", "bench/target/jmh.csv")),
				(sampleJar != null && !sampleJar.isEmpty()) ? Path.of(sampleJar) : null, values.get("sample-skip"),
				words(values.getOrDefault("sample-args", SAMPLE_ARGUMENTS)),
				Integer.parseInt(values.getOrDefault("startup-runs", quick ? "3" : "5")),
				Path.of(values.getOrDefault("results", "bench/results")),
				values.getOrDefault("date", LocalDate.now().toString()),
				values.getOrDefault("name",
						values.getOrDefault("date", LocalDate.now().toString()) + (quick ? "-quick" : "")),
				values.getOrDefault("command", "bash bench/run.sh" + (quick ? " --quick" : "")), starterProperties);
	}

	static List<Integer> ints(String list) {
		return Arrays.stream(list.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).map(Integer::valueOf).toList();
	}

	static List<String> words(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter((s) -> !s.isEmpty()).toList();
	}

	static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

}
