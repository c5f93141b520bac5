package dev.poolstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
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
 * Runs the sample service against a private redis-server that the test stops and starts
 * again: reads by id keep answering from PostgreSQL at once, the cache's errors are logged
 * once, health says Redis is down, and the cache works again once Redis is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pool.instance-id=sample-redis-outage", "pool.health.cache-ttl=0s" })
@ExtendWith(OutputCaptureExtension.class)
// closed after the class: its pool would otherwise stay open in the context cache and count as
// another live instance of the service in the other tests' fleet budget
@DirtiesContext
class SampleRedisOutageIntegrationTests {

	private static final TestRedis.PrivateRedis redis = TestRedis.startPrivate();

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static final Pattern HITS = Pattern
		.compile("cache_gets_total\\{cache=\"listings\"[^}]*result=\"hit\"[^}]*\\} ([0-9.E]+)");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestPostgres.Server postgres = TestPostgres.get();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", () -> (postgres.password() != null) ? postgres.password() : "");
		registry.add("pool.redis.url", redis::url);
		registry.add("spring.kafka.bootstrap-servers", TestKafkaBroker::bootstrapServers);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void readsAnswerFromPostgresAtOnceWhileRedisIsDownAndAreCachedAgainOnceItIsBack(CapturedOutput output)
			throws Exception {
		String path = "/api/listings/" + create();
		assertThat(send(path).statusCode()).isEqualTo(200);
		redis.stop();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> health = send("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"redis\":{\"details\"").contains("\"status\":\"DOWN\"");
		});
		long start = System.nanoTime();
		for (int i = 0; i < 50; i++) {
			assertThat(send(path).statusCode()).isEqualTo(200);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start))
			.as("50 reads that skip Redis, where each waited for the 5s command timeout")
			.isLessThan(Duration.ofSeconds(5));
		assertThat(output.getOut().lines().filter((line) -> line.contains("the cache is bypassed")))
			.as("one warning for 100 cache errors")
			.hasSize(1);
		double hitsBefore = hits();
		redis.start();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(send(path).statusCode()).isEqualTo(200);
			assertThat(hits()).as("reads served from Redis again").isGreaterThan(hitsBefore);
		});
		assertThat(send("/actuator/health").statusCode()).isEqualTo(200);
	}

	private long create() throws Exception {
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(uri("/api/listings"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Lamp\",\"city\":\"Ghent\",\"priceCents\":1500}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		Matcher id = ID.matcher(created.body());
		assertThat(id.find()).as(created.body()).isTrue();
		return Long.parseLong(id.group(1));
	}

	private double hits() throws Exception {
		Matcher hits = HITS.matcher(send("/actuator/prometheus").body());
		return hits.find() ? Double.parseDouble(hits.group(1)) : 0;
	}

	private HttpResponse<String> send(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
