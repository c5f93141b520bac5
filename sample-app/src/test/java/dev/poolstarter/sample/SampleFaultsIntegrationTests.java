package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample service's jar under a steady mix of reads and writes, as an operator
 * would, and breaks its database in the ways an operator meets: every pool connection ended
 * by the server, a restart (connections cut, new ones refused), a silent network partition,
 * and a server that has room for only two of the pool's connections. Every fault is answered
 * with 200 or 503, never a 500; health says what happened; the service recovers by itself;
 * and every write it acknowledged is in the database. Each fault prints one line of figures.
 */
class SampleFaultsIntegrationTests {

	private static final TestPostgres.Server postgres = TestPostgres.get();

	private static final TestRedis.Server redis = TestRedis.get();

	private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"}$");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String prefix = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "-";

	private final String role = "sample_faults_" + UUID.randomUUID().toString().substring(0, 8);

	private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();

	private final List<Long> acknowledged = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private int port;

	@Test
	void everyFaultIsAnsweredWith200Or503AndNoAcknowledgedWriteIsLost() throws Exception {
		execute("CREATE ROLE " + this.role + " LOGIN CONNECTION LIMIT 50 IN ROLE " + postgres.username());
		this.port = FreePort.closed();
		TcpProxy proxy = TcpProxy.start(0, postgres.host(), postgres.port());
		int proxyPort = proxy.port();
		ExecutorService clients = Executors.newFixedThreadPool(9);
		try (SampleJar app = start(proxyPort)) {
			app.awaitReady();
			startLoad(clients);
			await().atMost(Duration.ofSeconds(30)).until(() -> this.acknowledged.size() >= 20);
			List<String> rows = new ArrayList<>();
			rows.add(fault("pg_terminate_backend of every pool connection", () -> terminatePool(), () -> {
			}, Duration.ZERO));
			TcpProxy[] current = { proxy };
			rows.add(fault("restart: connections cut, new ones refused for 3 s", current[0]::close,
					() -> current[0] = TcpProxy.start(proxyPort, postgres.host(), postgres.port()),
					Duration.ofSeconds(3)));
			rows.add(fault("silent network partition for 12 s", current[0]::freeze, current[0]::thaw,
					Duration.ofSeconds(12)));
			rows.add(fault("server with room for 2 connections for 8 s", () -> {
				execute("ALTER ROLE " + this.role + " CONNECTION LIMIT 2");
				terminatePool();
			}, () -> execute("ALTER ROLE " + this.role + " CONNECTION LIMIT 50"), Duration.ofSeconds(8)));
			this.running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			proxy = current[0];
			System.out.println("| fault | requests during the fault / until recovered | by status | errors stop after "
					+ "the fault ends | readiness seen | writes acknowledged / found |");
			rows.forEach(System.out::println);
			assertThat(app.log()).doesNotContain("Servlet.service() for servlet [dispatcherServlet]")
				.doesNotContain("Application exception overridden by rollback exception");
		}
		finally {
			this.running.set(false);
			clients.shutdownNow();
			proxy.close();
			execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
			execute("DROP ROLE " + this.role);
		}
		assertThat(this.results).as("every request was answered").noneMatch((result) -> result.status() < 0);
		assertThat(this.results).as("no fault is answered with a server error other than 503")
			.noneMatch((result) -> result.status() >= 500 && result.status() != 503);
		List<Long> written;
		synchronized (this.acknowledged) {
			written = List.copyOf(this.acknowledged);
		}
		assertThat(found(written)).as("every acknowledged write is in the database").isEqualTo(written.size());
	}

	private String fault(String name, Action inject, Action heal, Duration lasting) throws Exception {
		long start = System.nanoTime();
		inject.run();
		if (!lasting.isZero()) {
			await().pollDelay(lasting).atMost(lasting.plusSeconds(1)).until(() -> true);
		}
		heal.run();
		long healed = System.nanoTime();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> succeedingSince(healed, Duration.ofSeconds(2)));
		long end = System.nanoTime();
		List<Result> window = this.results.stream()
			.filter((result) -> result.startedAt() >= start && result.startedAt() < end)
			.toList();
		Map<Integer, Integer> byStatus = new TreeMap<>();
		window.forEach((result) -> byStatus.merge(result.status(), 1, Integer::sum));
		long during = window.stream().filter((result) -> result.startedAt() < healed).count();
		List<Long> written = window.stream().filter((result) -> result.written() > 0).map(Result::written).toList();
		long lastFailure = window.stream()
			.filter((result) -> result.status() >= 300)
			.mapToLong(Result::endedAt)
			.max()
			.orElse(healed);
		Set<String> health = new TreeSet<>();
		this.probes.stream()
			.filter((probe) -> probe.at() >= start && probe.at() < end)
			.forEach((probe) -> health.add(probe.status() + " (" + probe.code() + ")"));
		assertThat(window).as(name + ": requests during the fault").isNotEmpty();
		int found = found(written);
		assertThat(found).as(name + ": writes acknowledged and found").isEqualTo(written.size());
		return "| " + name + " | " + during + " / " + window.size() + " | " + byStatus + " | "
				+ Math.max(0, (lastFailure - healed) / 1_000_000) + " ms | " + String.join(", ", health) + " | "
				+ written.size() + " / " + found + " |";
	}

	private boolean succeedingSince(long healed, Duration quiet) {
		long now = System.nanoTime();
		List<Result> recent = this.results.stream()
			.filter((result) -> result.startedAt() >= healed && result.startedAt() > now - quiet.toNanos())
			.toList();
		return recent.size() >= 5 && recent.stream().allMatch((result) -> result.status() < 300)
				&& now - healed > quiet.toNanos();
	}

	private void startLoad(ExecutorService clients) {
		AtomicInteger counter = new AtomicInteger();
		for (int i = 0; i < 8; i++) {
			clients.execute(() -> {
				while (this.running.get()) {
					this.results.add(request(counter));
				}
			});
		}
		clients.execute(() -> {
			while (this.running.get()) {
				this.probes.add(probe());
				await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(1)).until(() -> true);
			}
		});
	}

	private Result request(AtomicInteger counter) {
		long start = System.nanoTime();
		int choice = ThreadLocalRandom.current().nextInt(10);
		try {
			if (choice < 3) {
				String title = this.prefix + counter.incrementAndGet();
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/listings"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"title\":\"" + title + "\",\"city\":\"Faultville\",\"priceCents\":100}")));
				long id = 0;
				if (response.statusCode() == 201) {
					String location = response.headers().firstValue("Location").orElseThrow();
					id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
					synchronized (this.acknowledged) {
						this.acknowledged.add(id);
					}
				}
				return new Result(start, System.nanoTime(), response.statusCode(), id);
			}
			String path = (choice < 7) ? "/api/listings/" + anyAcknowledged() : "/api/listings?city=Faultville&size=5";
			return new Result(start, System.nanoTime(), send(HttpRequest.newBuilder(uri(path)).GET()).statusCode(),
					0);
		}
		catch (Exception ex) {
			return new Result(start, System.nanoTime(), -1, 0);
		}
	}

	private long anyAcknowledged() {
		synchronized (this.acknowledged) {
			return this.acknowledged.isEmpty() ? 1
					: this.acknowledged.get(ThreadLocalRandom.current().nextInt(this.acknowledged.size()));
		}
	}

	private Probe probe() {
		long at = System.nanoTime();
		try {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
			Matcher status = STATUS.matcher(response.body());
			return new Probe(at, response.statusCode(), status.find() ? status.group(1) : "?");
		}
		catch (Exception ex) {
			return new Probe(at, -1, ex.getClass().getSimpleName());
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(45)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private SampleJar start(int proxyPort) throws Exception {
		String url = postgres.jdbcUrl().replace(":" + postgres.port() + "/", ":" + proxyPort + "/");
		return SampleJar.start(this.port, Path.of("target", "sample-faults.log"), Map.of(),
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + this.role,
				"--spring.datasource.password=", "--spring.data.redis.url=" + redis.url(),
				"--spring.kafka.bootstrap-servers=" + TestKafkaBroker.bootstrapServers(),
				"--pool.instance-id=faults", "--pool.health.cache-ttl=0s", "--pool.health.timeout=1s");
	}

	private void terminatePool() throws SQLException {
		execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sample-app/faults'");
	}

	private int found(List<Long> ids) throws SQLException {
		try (Connection connection = postgres.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM listing WHERE id = ANY (?) AND title LIKE ?")) {
			statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
			statement.setString(2, this.prefix + "%");
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

	private record Result(long startedAt, long endedAt, int status, long written) {
	}

	private record Probe(long at, int code, String status) {
	}

}
