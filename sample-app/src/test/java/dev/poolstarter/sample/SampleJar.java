package dev.poolstarter.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample service's jar, started as a user starts it: {@code java -jar}, with
 * command-line arguments and environment variables, its output in a log file.
 *
 * @author pool-starter
 */
final class SampleJar implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private final int port;

	private SampleJar(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Start the jar; the environment starts empty but for what the JVM needs, so that a
	 * variable of the machine running the tests cannot leak into the app. The jar runs on
	 * virtual threads when this test run does ({@link VirtualThreads}).
	 */
	static SampleJar start(int port, Path log, Map<String, String> environment, String... arguments)
			throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(VirtualThreads.jvmArguments());
		command.addAll(List.of("-jar", jar().getPath(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((name) -> !name.equals("PATH") && !name.equals("HOME"));
		builder.environment().putAll(environment);
		return new SampleJar(builder.start(), log, port);
	}

	private static File jar() {
		File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("sample-app-")
				&& name.endsWith(".jar") && !name.endsWith("-plain.jar"));
		assertThat(jars).as("the sample's jar, built by the package phase").isNotEmpty();
		return jars[0];
	}

	int port() {
		return this.port;
	}

	Process process() {
		return this.process;
	}

	String log() throws IOException {
		return Files.readString(this.log);
	}

	SampleJar awaitReady() {
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(this.process.isAlive()).as("the sample app runs; its log: %s", this.log).isTrue();
			try {
				return get("/actuator/health/readiness").statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return this;
	}

	int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("the app exits").isTrue();
		return this.process.exitValue();
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
