package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls the sample service over HTTP while its database fails in the ways an operator
 * meets, through a loopback proxy the test cuts, freezes and closes: health serves DOWN
 * with 503 to the probes and returns to 200, and requests that meet a connection ended by
 * the server or a server that does not answer get 503 with {@code Retry-After}, never a
 * 500 with a stack trace. The context is closed after
 * the class: its pool would otherwise count as a second live instance of the service in
 * the fleet census of the tests that start after it.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-health", "pool.health.cache-ttl=0s", "pool.health.timeout=1s",
				"pool.postgres.pool-timeout=1s", "pool.postgres.validation-timeout=500ms" })
@ExtendWith(OutputCaptureExtension.class)
class SampleDatabaseFaultsIntegrationTests {

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

	@Test
	void aReportWhoseConnectionTheServerEndsRunsAgainOnAFreshOneAndAnswers200(CapturedOutput output)
			throws Exception {
		double retriedBefore = readsRetried();
		CompletableFuture<HttpResponse<String>> report = CompletableFuture
			.supplyAsync(() -> send("/api/listings/cities?delayMs=2000"));
		await().atMost(Duration.ofSeconds(10)).until(() -> terminateSleepingBackends() == 1);
		HttpResponse<String> response = report.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(readsRetried()).as("pool_reads_retried_total{outcome=succeeded}").isEqualTo(retriedBefore + 1);
		assertThat(output.getOut()).doesNotContain("HTTP 503 for GET /api/listings/cities")
			.doesNotContain("Servlet.service() for servlet [dispatcherServlet]")
			.doesNotContain("Application exception overridden by rollback exception");
	}

	private double readsRetried() throws Exception {
		Matcher retried = Pattern
			.compile("^pool_reads_retried_total\\{[^}]*outcome=\"succeeded\"[^}]*\\} ([0-9.E]+)$", Pattern.MULTILINE)
			.matcher(get("/actuator/prometheus").body());
		assertThat(retried.find()).as("pool_reads_retried_total on /actuator/prometheus").isTrue();
		return Double.parseDouble(retried.group(1));
	}

	@Test
	void aServerThatStopsAnsweringAnswers503NamingTheServerNotAnExhaustedPool(CapturedOutput output)
			throws Exception {
		assertThat(status("/api/listings/cities")).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> idleLongerThanHikarisAliveBypass() == openPoolConnections());
		proxy.freeze();
		try {
			long start = System.nanoTime();
			HttpResponse<String> response = get("/api/listings/cities");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("validation and the pool timeout bound the wait")
				.isLessThan(Duration.ofSeconds(10));
			assertThat(output.getOut()).containsPattern("HTTP 503 for GET /api/listings/cities: Pool 'primary' has no "
					+ "connection within 1000 ms: the database (does not answer|is out of reach)")
				.doesNotContain("is exhausted");
		}
		finally {
			proxy.thaw();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> status("/api/listings/cities") == 200);
	}

	private static int terminateSleepingBackends() throws SQLException {
		return count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = "
				+ "'sample-app/sample-health' AND state = 'active' AND query LIKE 'SELECT pg_sleep%'");
	}

	private static int idleLongerThanHikarisAliveBypass() throws SQLException {
		return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sample-app/sample-health' "
				+ "AND state = 'idle' AND state_change < now() - interval '1 second'");
	}

	private static int openPoolConnections() throws SQLException {
		return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sample-app/sample-health'");
	}

	private static int count(String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private HttpResponse<String> send(String path) {
		try {
			return get(path);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
