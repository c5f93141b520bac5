package dev.poolstarter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Runs pgbench with the same transaction ({@code bench/sql/transaction.sql}) as the
 * server's limit: {@code -n -M prepared}, one connection per client, two threads, and a
 * per-transaction log for the percentiles.
 *
 * @author pool-starter
 */
final class Pgbench {

	private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)",
			Pattern.MULTILINE);

	private static final Pattern FAILED = Pattern.compile("^number of failed transactions: (\\d+)", Pattern.MULTILINE);

	private final String executable;

	private final Path script;

	private final Database database;

	private final Workload workload;

	private final Duration duration;

	Pgbench(String executable, Path script, Database database, Workload workload, Duration duration) {
		this.executable = executable;
		this.script = script;
		this.database = database;
		this.workload = workload;
		this.duration = duration;
	}

	List<String> command(int clients, Path logPrefix) {
		Database.LibpqTarget target = this.database.libpq();
		List<String> command = new ArrayList<>(List.of(this.executable, "-n", "-M", "prepared", "-T",
				Long.toString(Math.max(1, this.duration.toSeconds())), "-c", Integer.toString(clients), "-j",
				Integer.toString(Math.min(2, clients)), "-f", this.script.toString(), "-D",
				"rows=" + this.workload.rows(), "-D", "hold=" + (this.workload.holdMillis() / 1000.0)));
		command.addAll(List.of("-l", "--log-prefix=" + logPrefix, "-h", target.host(), "-p",
				Integer.toString(target.port()), "-U", this.database.user(), target.database()));
		return command;
	}

	PgbenchResult run(int clients) {
		@Nullable Path logs = null;
		try {
			logs = Files.createTempDirectory("bench-pgbench");
			ProcessBuilder builder = new ProcessBuilder(command(clients, logs.resolve("tx"))).redirectErrorStream(true);
			builder.environment().put("PGAPPNAME", "bench-pgbench-" + clients);
			if (this.database.password() != null) {
				builder.environment().put("PGPASSWORD", this.database.password());
			}
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(this.duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				return PgbenchResult.failed(clients, "pgbench failed: " + lastLine(output));
			}
			return parse(clients, output, logs);
		}
		catch (IOException ex) {
			return PgbenchResult.failed(clients, "pgbench did not run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return PgbenchResult.failed(clients, "interrupted");
		}
		finally {
			deleteQuietly(logs);
		}
	}

	private PgbenchResult parse(int clients, String output, Path logs) throws IOException {
		Matcher tps = TPS.matcher(output);
		if (!tps.find()) {
			return PgbenchResult.failed(clients, "no tps in pgbench's output: " + lastLine(output));
		}
		Matcher failed = FAILED.matcher(output);
		LatencyRecorder latency = readLogs(logs);
		return new PgbenchResult(clients, Double.parseDouble(tps.group(1)), latency.percentileMillis(50),
				latency.percentileMillis(99), failed.find() ? Long.parseLong(failed.group(1)) : 0, null);
	}

	/**
	 * Read pgbench's transaction logs: {@code client transaction latency_us script epoch
	 * epoch_us} per line.
	 */
	static LatencyRecorder readLogs(Path logs) throws IOException {
		LatencyRecorder latency = new LatencyRecorder();
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.toList()) {
				try (Stream<String> lines = Files.lines(file)) {
					lines.map((line) -> line.split(" "))
						.filter((fields) -> fields.length >= 3 && !fields[2].equals("failed")
								&& !fields[2].equals("skipped"))
						.forEach((fields) -> latency.recordMicros(Long.parseLong(fields[2])));
				}
			}
		}
		return latency;
	}

	private static String lastLine(String output) {
		String trimmed = output.strip();
		int newline = trimmed.lastIndexOf('\n');
		return (newline >= 0) ? trimmed.substring(newline + 1) : trimmed;
	}

	private static void deleteQuietly(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// a temporary directory; nothing depends on it
		}
	}

}
