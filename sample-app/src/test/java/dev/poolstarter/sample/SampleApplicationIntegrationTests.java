package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample service against a real PostgreSQL and calls it over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "pool.instance-id=sample-1")
class SampleApplicationIntegrationTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.Server server = TestPostgres.get();
		registry.add("spring.datasource.url", server::jdbcUrl);
		registry.add("spring.datasource.username", server::username);
		registry.add("spring.datasource.password", () -> (server.password() != null) ? server.password() : "");
	}

	@Test
	void endpointReadsThroughTheStartersPoolWithItsSessionSettings() throws Exception {
		String body = get("/api/database");
		assertThat(body).contains("\"application_name\":\"sample-app/sample-1\"")
			.contains("\"statement_timeout\":\"15s\"")
			.contains("\"idle_in_transaction_session_timeout\":\"1min\"");
	}

	@Test
	void prometheusShowsTheHikariPool() throws Exception {
		get("/api/database");
		assertThat(get("/actuator/prometheus")).contains("hikaricp_connections_max{pool=\"primary\"} 5.0");
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
