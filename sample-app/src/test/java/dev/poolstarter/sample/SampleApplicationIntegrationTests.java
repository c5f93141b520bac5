package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample service against a real PostgreSQL and calls it over HTTP, as a user
 * would: its endpoint, health, readiness and liveness, Prometheus and the pool endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-1", "pool.metrics.sample-interval=200ms",
				"pool.health.cache-ttl=0s", "pool.postgres.pool-timeout=1s" })
class SampleApplicationIntegrationTests {

	private static final String TAGS = "pool=\"primary\",profile=\"dev\",role=\"primary\",service=\"sample-app\"";

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.Server server = TestPostgres.get();
		registry.add("spring.datasource.url", server::jdbcUrl);
		registry.add("spring.datasource.username", server::username);
		registry.add("spring.datasource.password", () -> (server.password() != null) ? server.password() : "");
	}

	@Test
	void endpointReadsThroughTheStartersPoolWithItsSessionSettings() throws Exception {
		String body = get("/api/database", 200);
		assertThat(body).contains("\"application_name\":\"sample-app/sample-1\"")
			.contains("\"statement_timeout\":\"15s\"")
			.contains("\"idle_in_transaction_session_timeout\":\"1min\"");
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
	void healthIsDegradedButServedWith200WhenThePoolIsExhausted() throws Exception {
		assertThat(get("/actuator/health", 200)).endsWith("\"status\":\"UP\"}")
			.contains("\"pool\":\"primary\"");
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
	void poolEndpointShowsEverySettingWithItsOriginAndNoPassword() throws Exception {
		String pool = get("/actuator/pool", 200);
		assertThat(pool).contains("\"statement-timeout\":{\"value\":\"15s\",\"origin\":\"pool.services.sample-app.postgres.statement-timeout\"}")
			.contains("\"max-connections\":{\"value\":\"5\",\"origin\":\"profile dev\"}")
			.contains("\"arithmetic\":\"1 instance(s) x 5 connections")
			.contains("\"recommendedMaxConnections\"")
			.doesNotContain("secret");
	}

	private String get(String path, int status) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
		return response.body();
	}

}
