package dev.poolstarter.sample;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample service against a real PostgreSQL and calls it over HTTP, as a user
 * would: its endpoint, health, readiness and liveness, Prometheus and the pool endpoint.
 * It logs in with a password that the server checks, and shows that neither its
 * endpoints, its start-up log nor the messages of a failed start-up give it away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-1", "pool.metrics.sample-interval=200ms",
				"pool.health.cache-ttl=0s", "pool.postgres.pool-timeout=1s",
				// this class's database is new on every run, so its listing ids repeat those that
				// other tests, on the shared database, cache in the same Redis
				"spring.cache.redis.key-prefix=sample-application-it::",
				"management.endpoints.web.exposure.include=health,prometheus,pool,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationIntegrationTests {

	private static final TestPostgres.Server login = TestPostgres.passwordChecked();

	private static final String TAGS = "pool=\"primary\",profile=\"dev\",role=\"primary\",service=\"sample-app\"";

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", login::jdbcUrl);
		registry.add("spring.datasource.username", login::username);
		registry.add("spring.datasource.password", login::password);
	}

	@Test
	void endpointReadsThroughTheStartersPoolWithItsSessionSettings() throws Exception {
		String body = get("/api/database", 200);
		assertThat(body).contains("\"application_name\":\"sample-app/sample-1\"")
			.contains("\"statement_timeout\":\"15s\"")
			.contains("\"idle_in_transaction_session_timeout\":\"1min\"")
			.as("whether requests run on virtual threads")
			.contains("\"virtual_thread\":" + VirtualThreads.requested());
	}

	@Test
	void prometheusShowsHikariAndServerMetersWithOneSetOfTags() throws Exception {
		get("/api/database", 200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus", 200))
				.contains("pool_server_connections{" + TAGS.replace(",role", ",role").replace("role=\"primary\",",
						"role=\"primary\",scope=\"application\",") + ",state=\"idle\"}"));
		String exposition = get("/actuator/prometheus", 200);
		Files.writeString(Path.of("target", "prometheus-exposition.txt"), exposition);
		assertThat(exposition).contains("hikaricp_connections_max{" + TAGS + "} 5.0")
			.contains("pool_server_max_connections{" + TAGS + "}")
			.contains("pool_budget_utilization{" + TAGS + "}")
			.contains("pool_server_oldest_transaction_seconds{" + TAGS + "}")
			.contains("pool_server_blocked_queries{" + TAGS + "}")
			.contains("pool_server_slow_queries{" + TAGS + "}")
			.contains("pool_connections_long_borrows_seconds_count{" + TAGS + "}");
	}

	@Test
	void prometheusShowsRedisAndKafkaClientMetersOnceAListingMakesTheRoundTrip() throws Exception {
		String created = post("/api/listings", "{\"title\":\"Lamp\",\"city\":\"Ghent\",\"priceCents\":2500}", 201);
		long id = JsonPath.parse(created).read("$.id", Long.class);
		get("/api/listings/" + id, 200);
		get("/api/listings/" + id, 200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/api/listings/" + id + "/events", 200)).contains("\"CREATED\""));
		String redisTags = TAGS.replace("pool=\"primary\"", "pool=\"redis\"");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus", 200))
				.containsPattern("kafka_consumer_fetch_manager_records_consumed_total\\{client_id=\"[^\"]+\",[^}]*\\} [1-9]"));
		String exposition = get("/actuator/prometheus", 200);
		// .ci/check-observability checks the dashboard's Redis and Kafka rows against it
		Files.writeString(Path.of("target", "prometheus-exposition-clients.txt"), exposition);
		assertThat(exposition).contains("pool_redis_reconnects_total{" + redisTags + "}")
			.contains("pool_redis_connections_max{" + redisTags + "}")
			.containsPattern("lettuce_seconds_count\\{db_operation=\"GET\",[^}]*error=\"none\"[^}]*\\} [1-9]")
			.containsPattern("kafka_producer_record_send_total\\{client_id=\"sample-app-sample-1-[0-9]+\",[^}]*\\} [1-9]")
			.containsPattern("spring_kafka_listener_seconds_count\\{[^}]*result=\"success\"\\} [1-9]");
	}

	@Test
	void healthIsDegradedButServedWith200WhenThePoolIsExhausted() throws Exception {
		// on a busy machine the Redis client's first PING, which opens its connection, may
		// miss the health timeout: wait until every indicator answers UP
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/actuator/health", 200)).endsWith("\"status\":\"UP\"}")
				.contains("\"pool\":\"primary\""));
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				held.add(this.dataSource.getConnection());
			}
			long start = System.nanoTime();
			String health = get("/actuator/health", 200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(health).endsWith("\"status\":\"DEGRADED\"}").contains("pool utilization 1.0 >= 0.8");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

	@Test
	void exhaustedPoolAnswers503WithRetryAfterInsteadOfHanging() throws Exception {
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				held.add(this.dataSource.getConnection());
			}
			long start = System.nanoTime();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/database")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).contains("1");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		get("/api/database", 200);
	}

	@Test
	void readinessIncludesTheDatabaseAndLivenessDoesNot() throws Exception {
		assertThat(get("/actuator/health/readiness", 200)).contains("\"db\"").contains("\"readinessState\"");
		assertThat(get("/actuator/health/liveness", 200)).doesNotContain("\"db\"");
	}

	@Test
	void poolEndpointShowsEverySettingWithItsOrigin() throws Exception {
		String pool = get("/actuator/pool", 200);
		assertThat(pool).contains("\"statement-timeout\":{\"value\":\"15s\",\"origin\":\"pool.services.sample-app.postgres.statement-timeout\"}")
			.contains("\"max-connections\":{\"value\":\"5\",\"origin\":\"profile dev\"}")
			.contains("\"arithmetic\":\"1 instance(s) x 5 connections")
			.contains("\"recommendedMaxConnections\"");
	}

	@Test
	void theServerChecksThePasswordThatThePoolLogsInWith() throws Exception {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> login.withPassword("wrong").connect())
			.withMessageContaining("password authentication failed");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_user, current_database()")) {
			row.next();
			assertThat(row.getString(1)).isEqualTo(login.username());
			assertThat(row.getString(2)).isEqualTo(login.username());
		}
	}

	@Test
	void noEndpointShowsThePasswordEvenWhenShowingValues() throws Exception {
		Map<String, String> bodies = new LinkedHashMap<>();
		for (String path : List.of("/actuator/pool", "/actuator/health", "/actuator/env", "/actuator/configprops")) {
			bodies.put(path, get(path, 200));
		}
		assertThat(bodies.get("/actuator/pool")).contains("\"username\"").contains(login.username());
		assertThat(bodies.get("/actuator/env")).as("env shows values")
			.contains("\"spring.datasource.username\":{\"value\":\"" + login.username() + "\"")
			.contains("\"spring.datasource.password\":{\"value\":\"******\"");
		assertThat(bodies.get("/actuator/configprops")).as("configprops shows values")
			.contains("\"username\":\"" + login.username() + "\"")
			.contains("\"password\":\"******\"");
		bodies.forEach((path, body) -> assertThat(body).as(path).doesNotContain(login.password()));
	}

	@Test
	void startUpLogNamesTheLoginButNotItsPassword(CapturedOutput output) {
		assertThat(output.getAll()).as("the start-up log, captured")
			.contains("Started SampleApplication")
			.containsPattern("username\\s+" + login.username())
			.doesNotContain(login.password());
	}

	@Test
	void failedStartUpsNameNoPassword(CapturedOutput output) {
		String wrong = "Wrong" + login.password();
		String wrongPassword = failedStartUp(output, "--spring.datasource.url=" + login.jdbcUrl(),
				"--spring.datasource.username=" + login.username(), "--spring.datasource.password=" + wrong,
				"--pool.postgres.fail-fast=true");
		assertThat(wrongPassword).contains("password authentication failed for user \"" + login.username() + "\"")
			.doesNotContain(wrong)
			.doesNotContain(login.password());
		String invalidUrl = failedStartUp(output, "--DATABASE_URL=" + login.databaseUrl("connection_limit=many"));
		assertThat(invalidUrl).contains("connection_limit").contains(login.username()).doesNotContain(login.password());
		String overBudget = failedStartUp(output, "--DATABASE_URL=" + login.databaseUrl(""), "--pool.profile=prod",
				"--pool.instances=500");
		assertThat(overBudget).contains("500 instance(s)").doesNotContain(login.password());
	}

	/**
	 * Start the sample with the given arguments, expecting start-up to fail, and return
	 * what it logged and threw.
	 */
	private static String failedStartUp(CapturedOutput output, String... arguments) {
		int before = output.getAll().length();
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(List.of("--server.port=0", "--spring.application.admin.enabled=false",
				"--spring.data.redis.url=" + TestRedis.get().url(),
				"--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePort.closed(),
				"--pool.instance-id=failing-start-up", "--spring.jmx.enabled=false"));
		Throwable failure = catchThrowable(
				() -> SpringApplication.run(SampleApplication.class, all.toArray(String[]::new)).close());
		assertThat(failure).as("start-up with " + List.of(arguments)).isNotNull();
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		String logged = output.getAll().substring(before);
		assertThat(logged).contains("APPLICATION FAILED TO START");
		return logged + "\n" + trace;
	}

	private String get(String path, int status) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)), status);
	}

	private String post(String path, String json, int status) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), status);
	}

	private String send(HttpRequest.Builder builder, int status) throws Exception {
		HttpRequest request = builder.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(request.method() + " " + request.uri().getPath() + " " + response.body())
			.isEqualTo(status);
		return response.body();
	}

}
