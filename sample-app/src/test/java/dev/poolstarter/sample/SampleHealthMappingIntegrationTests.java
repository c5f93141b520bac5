package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the sample service's health endpoint over HTTP with a contributor that reads DOWN
 * (the disk space indicator past an impossible threshold): 503, whatever else the starter
 * maps, while a mapping the application configures for a group of its own still wins. The context is closed after
 * the class: its pool would otherwise count as a second live instance of the service in
 * the fleet census of the tests that start after it.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-mapping", "management.health.diskspace.threshold=100000GB",
				"management.endpoint.health.group.disk.include=diskSpace",
				"management.endpoint.health.group.disk.status.http-mapping.down=500" })
class SampleHealthMappingIntegrationTests {

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
	void downIsServedWith503() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.body()).contains("\"status\":\"DOWN\"");
		assertThat(health.statusCode()).isEqualTo(503);
	}

	@Test
	void theApplicationsOwnMappingWins() throws Exception {
		HttpResponse<String> disk = get("/actuator/health/disk");
		assertThat(disk.body()).contains("\"status\":\"DOWN\"");
		assertThat(disk.statusCode()).isEqualTo(500);
	}

	@Test
	void readinessWithoutTheDiskStays200() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
