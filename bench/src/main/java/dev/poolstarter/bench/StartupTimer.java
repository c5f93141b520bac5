package dev.poolstarter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Times the sample application's start-up from its own log line ("Started ... in X
 * seconds"), alternating runs with the starter and with the starter's
 * auto-configurations excluded, so that Spring Boot's plain DataSource auto-configuration
 * takes over.
 *
 * @author pool-starter
 */
final class StartupTimer {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private static final long START_TIMEOUT_SECONDS = 120;

	private final Path jar;

	private final List<String> arguments;

	StartupTimer(Path jar, List<String> arguments) {
		this.jar = jar;
		this.arguments = arguments;
	}

	/**
	 * Time the given number of start-ups of each kind after one warm-up pair, in ABBA
	 * order so that a drift of the machine hits both kinds alike.
	 * @param runs start-ups of each kind
	 * @return the times, or why they could not be taken
	 */
	StartupResult measure(int runs) {
		if (!Files.isRegularFile(this.jar)) {
			return StartupResult.notMeasured("the sample application's jar " + this.jar + " is missing");
		}
		List<Double> starter = new ArrayList<>();
		List<Double> plain = new ArrayList<>();
		try {
			for (int i = -1; i < runs; i++) {
				boolean starterFirst = (i % 2 == 0);
				double first = start(starterFirst);
				double second = start(!starterFirst);
				if (i >= 0) {
					starter.add(starterFirst ? first : second);
					plain.add(starterFirst ? second : first);
				}
			}
			return new StartupResult(true, null, starter, plain, String.join(",", starterAutoConfigurations()));
		}
		catch (StartupFailedException ex) {
			return StartupResult.notMeasured(ex.getMessage());
		}
	}

	private double start(boolean withStarter) throws StartupFailedException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", this.jar.toString()));
		command.addAll(this.arguments);
		if (!withStarter) {
			command.add("--spring.autoconfigure.exclude=" + String.join(",", starterAutoConfigurations()));
		}
		String kind = (withStarter) ? "with the starter" : "without the starter";
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			try {
				return awaitStarted(process, kind);
			}
			finally {
				stop(process);
			}
		}
		catch (IOException ex) {
			throw new StartupFailedException("the sample application did not start " + kind + ": " + ex.getMessage());
		}
	}

	private double awaitStarted(Process process, String kind) throws StartupFailedException {
		Deque<String> tail = new ArrayDeque<>();
		CompletableFuture<Double> started = CompletableFuture.supplyAsync(() -> readUntilStarted(process, tail));
		try {
			Double seconds = started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (seconds == null) {
				throw new StartupFailedException("the sample application exited " + kind + " before it started: "
						+ String.join(" | ", snapshot(tail)));
			}
			return seconds;
		}
		catch (TimeoutException ex) {
			throw new StartupFailedException("the sample application did not start " + kind + " within "
					+ START_TIMEOUT_SECONDS + "s: " + String.join(" | ", snapshot(tail)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StartupFailedException("interrupted");
		}
		catch (ExecutionException ex) {
			throw new StartupFailedException("reading the sample application's log failed: " + ex.getMessage());
		}
	}

	private static Double readUntilStarted(Process process, Deque<String> tail) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find()) {
					drain(reader);
					return Double.parseDouble(matcher.group(1));
				}
				remember(tail, line);
			}
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	// keep reading so that a full pipe never blocks the application while it shuts down
	private static void drain(BufferedReader reader) {
		Thread drainer = new Thread(() -> {
			try {
				while (reader.readLine() != null) {
					// discard
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-startup-drain");
		drainer.setDaemon(true);
		drainer.start();
	}

	private static void remember(Deque<String> tail, String line) {
		synchronized (tail) {
			if (line.contains("ERROR") || line.contains("Exception") || line.contains("APPLICATION FAILED")
					|| line.contains("Description") || line.contains("Action") || tail.size() < 3) {
				tail.addLast(line.strip());
			}
			while (tail.size() > 8) {
				tail.removeFirst();
			}
		}
	}

	private static List<String> snapshot(Deque<String> tail) {
		synchronized (tail) {
			return new ArrayList<>(tail);
		}
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static List<String> starterAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, StartupTimer.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.poolstarter."))
			.toList();
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Start-up could not be timed.
	 */
	private static final class StartupFailedException extends Exception {

		StartupFailedException(String message) {
			super(message);
		}

	}

}
