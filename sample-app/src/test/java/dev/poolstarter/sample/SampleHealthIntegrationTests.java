package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls the sample service's health endpoints over HTTP while its database goes away and
 * comes back, as a Kubernetes probe would: DOWN is served with 503 on the health endpoint,
 * the readiness group and the {@code db} contributor, liveness stays 200, and the status
 * codes return to 200 with the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-health", "pool.health.cache-ttl=0s", "pool.health.timeout=1s",
				"pool.postgres.pool-timeout=1s" })
class SampleHealthIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static TcpProxy proxy = TcpProxy.start(0, server.host(), server.port());

	private static final int proxyPort = proxy.port();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> server.jdbcUrl().replace(":" + server.port() + "/", ":" + proxyPort + "/"));
		registry.add("spring.datasource.username", server::username);
		registry.add("spring.datasource.password", () -> (server.password() != null) ? server.password() : "");
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@Test
	void downIsServedWith503ToProbesAndUpWith200OnceTheDatabaseIsBack() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/db") == 200);
		proxy.close();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status("/actuator/health/db") == 503);
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/health/db" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(503);
			assertThat(response.body()).as(path).contains("\"status\":\"DOWN\"");
		}
		assertThat(status("/actuator/health/liveness")).as("liveness does not depend on the database").isEqualTo(200);
		proxy = TcpProxy.start(proxyPort, server.host(), server.port());
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status("/actuator/health/readiness") == 200);
		assertThat(get("/actuator/health/db").body()).contains("\"status\":\"UP\"");
	}

	private int status(String path) throws Exception {
		return get(path).statusCode();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
