package dev.poolstarter.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample service's jar as a user would, under a steady HTTP load, sends it
 * SIGTERM, and starts it again: no request sent before the signal fails, no connection is
 * forced closed, and every record published before the signal is consumed once it is back.
 */
class SampleShutdownIntegrationTests {

	private static final TestPostgres.Server postgres = TestPostgres.get();

	private static final TestRedis.Server redis = TestRedis.get();

	private final String prefix = "run-" + UUID.randomUUID() + "-";

	@Test
	void sigtermUnderLoadLosesNoAcceptedRequestAndNoRecord() throws Exception {
		int port = FreePort.closed();
		SampleJar app = start(port, Path.of("target", "sample-shutdown-first.log")).awaitReady();
		List<Result> results = new ArrayList<>();
		long signalAt = load(port, app.process(), results);
		app.awaitExit(Duration.ofSeconds(60));
		List<Result> sentBefore = results.stream().filter((result) -> result.startedAt() < signalAt).toList();
		assertThat(sentBefore).hasSizeGreaterThan(20);
		assertThat(sentBefore).as("requests sent before SIGTERM").allMatch((result) -> result.status() == 201);
		// Once Tomcat stops accepting, late connections are refused or reset before any work is
		// done; what must never happen is a request answered with an error, 503 from a pool
		// that stopped lending included: the web server drains before the pools do.
		assertThat(results).as("no request is answered with a server error while the app shuts down")
			.noneMatch((result) -> result.status() >= 500);
		assertThat(summary(app.log())).as("the shutdown steps, in the order the work depends on")
			.containsSubsequence("readiness OUT_OF_SERVICE", "web server stopped after its graceful drain",
					"kafka listeners stopped", "kafka producers flushed and closed", "redis ",
					"postgres 'primary' drained")
			.doesNotContain("gave up on");
		Set<String> published = new HashSet<>();
		results.stream().filter((result) -> result.status() == 201).forEach((result) -> published.add(result.value()));
		try (SampleJar restarted = start(FreePort.closed(), Path.of("target", "sample-shutdown-second.log"))) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(consumed()).as("records consumed once the app is back")
					.containsAll(published));
		}
		System.out.println("SIGTERM under load: " + sentBefore.size() + " requests sent before the signal, 0 failed; "
				+ published.size() + " records published, all consumed after the restart");
	}

	@Test
	void readinessIsOutOfServiceWith503DuringTheReadinessDelayWhileRequestsAreStillServed() throws Exception {
		int port = FreePort.closed();
		try (SampleJar app = start(port, Path.of("target", "sample-shutdown-readiness.log"),
				"--pool.shutdown.readiness-delay=5s")
			.awaitReady()) {
			assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			long signalAt = System.nanoTime();
			app.process().destroy();
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> app.get("/actuator/health/readiness").statusCode() == 503);
			HttpResponse<String> readiness = app.get("/actuator/health/readiness");
			HttpResponse<String> health = app.get("/actuator/health");
			HttpResponse<String> request = app.get("/api/listings?city=Lyon");
			Duration elapsed = Duration.ofNanos(System.nanoTime() - signalAt);
			assertThat(elapsed).as("still within the readiness delay").isLessThan(Duration.ofSeconds(5));
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
			assertThat(health.statusCode()).as("/actuator/health " + health.body()).isEqualTo(503);
			assertThat(request.statusCode()).as("requests are still served while load balancers notice")
				.isEqualTo(200);
			assertThat(app.awaitExit(Duration.ofSeconds(60))).isNotNegative();
			assertThat(summary(app.log())).contains("readiness OUT_OF_SERVICE, waited 5000 ms for load balancers");
		}
	}

	private static String summary(String log) {
		return log.lines()
			.filter((line) -> line.contains("Shutdown in"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no shutdown summary line in the log:\n" + log));
	}

	private long load(int port, Process app, List<Result> results) throws InterruptedException {
		ConcurrentLinkedQueue<Result> collected = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger counter = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			clients.execute(() -> {
				while (running.get()) {
					String value = this.prefix + counter.incrementAndGet();
					long startedAt = System.nanoTime();
					collected.add(new Result(value, startedAt, post(port, value)));
				}
			});
		}
		// more than 20 requests answered before the signal, however slow the machine
		await().atMost(Duration.ofSeconds(60)).until(() -> collected.size() > 20);
		long signalAt = System.nanoTime();
		app.destroy();
		// the clients go on until the app has exited, so that requests arrive during every step
		await().atMost(Duration.ofSeconds(60)).until(() -> !app.isAlive());
		running.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		results.addAll(collected);
		return signalAt;
	}

	private static int post(int port, String value) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/listings")
				.toURL()
				.openConnection();
			connection.setRequestMethod("POST");
			connection.setRequestProperty("Connection", "close");
			connection.setRequestProperty("Content-Type", "application/json");
			connection.setConnectTimeout(1000);
			connection.setReadTimeout(30000);
			connection.setDoOutput(true);
			try (OutputStream body = connection.getOutputStream()) {
				body.write(("{\"title\":\"" + value + "\",\"city\":\"Lyon\",\"priceCents\":1200}")
					.getBytes(StandardCharsets.UTF_8));
			}
			int status = connection.getResponseCode();
			connection.disconnect();
			return status;
		}
		catch (ConnectException ex) {
			return -1;
		}
		catch (IOException ex) {
			return -2;
		}
	}

	private Set<String> consumed() throws SQLException {
		Set<String> values = new HashSet<>();
		try (Connection connection = postgres.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT title FROM listing_event WHERE title LIKE ?")) {
			statement.setString(1, this.prefix + "%");
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

	private static SampleJar start(int port, Path log, String... extraArguments) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.data.redis.url=" + redis.url(),
				"--spring.kafka.bootstrap-servers=" + TestKafkaBroker.bootstrapServers(), "--pool.instance-id=shutdown-it"));
		if (postgres.username() != null) {
			arguments.add("--spring.datasource.username=" + postgres.username());
		}
		if (postgres.password() != null) {
			arguments.add("--spring.datasource.password=" + postgres.password());
		}
		arguments.addAll(List.of(extraArguments));
		return SampleJar.start(port, log, Map.of(), arguments.toArray(String[]::new));
	}

	private record Result(String value, long startedAt, int status) {
	}

}
