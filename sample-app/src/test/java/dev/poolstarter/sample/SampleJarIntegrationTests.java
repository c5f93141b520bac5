package dev.poolstarter.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample's jar as a user would: once with every server embedded on free ports (a
 * machine with only a JDK), once against real servers named by the environment variables a
 * platform sets, and once with a malformed {@code DATABASE_URL}. In each working run a write
 * goes through PostgreSQL, the Redis cache and Kafka to the listener, and health and metrics
 * show all three.
 */
class SampleJarIntegrationTests {

	@Test
	void startsEmbeddedServersOnFreePortsWhenAskedAndServesAWriteEndToEnd() throws Exception {
		try (SampleJar app = SampleJar.start(FreePort.closed(), Path.of("target", "sample-jar-embedded.log"), Map.of(),
				"--sample.dev-servers.mode=embedded", "--pool.instance-id=embedded-it")) {
			app.awaitReady();
			assertThat(app.log()).containsPattern("postgres\\s+embedded PostgreSQL")
				.containsPattern("redis\\s+embedded Redis")
				.containsPattern("kafka\\s+embedded Kafka")
				.doesNotContain("127.0.0.1:5432")
				.doesNotContain("127.0.0.1:6379");
			writeFollowsThroughCacheAndKafka(app);
		}
	}

	@Test
	void usesTheServersThatThePlatformsVariablesName() throws Exception {
		TestPostgres.Server postgres = TestPostgres.get();
		TestRedis.Server redis = TestRedis.get();
		Map<String, String> environment = Map.of("DATABASE_URL", postgres.databaseUrl("connection_limit=4"),
				"REDIS_URL", redis.url(), "KAFKA_BROKERS", TestKafkaBroker.bootstrapServers());
		try (SampleJar app = SampleJar.start(FreePort.closed(), Path.of("target", "sample-jar-environment.log"),
				environment, "--pool.instance-id=environment-it")) {
			app.awaitReady();
			assertThat(app.log()).doesNotContain("embedded PostgreSQL").doesNotContain("embedded Kafka");
			assertThat(app.get("/actuator/pool").body()).contains("\"max-connections\":{\"value\":\"4\"");
			writeFollowsThroughCacheAndKafka(app);
		}
	}

	@Test
	void productionProfileRunsWithItsServiceLimitsAndFullMetrics() throws Exception {
		TestPostgres.Server postgres = TestPostgres.get();
		TestRedis.Server redis = TestRedis.get();
		Map<String, String> environment = Map.of("SPRING_PROFILES_ACTIVE", "prod", "DATABASE_URL",
				postgres.databaseUrl(""), "REDIS_URL", redis.url(), "KAFKA_BROKERS", TestKafkaBroker.bootstrapServers());
		try (SampleJar app = SampleJar.start(FreePort.closed(), Path.of("target", "sample-jar-prod.log"), environment,
				"--pool.instance-id=prod-it", "--spring.sql.init.mode=always")) {
			app.awaitReady();
			assertThat(app.get("/actuator/pool").body())
				.contains("\"max-connections\":{\"value\":\"12\",\"origin\":\"pool.services.sample-app.postgres.max-connections\"}")
				.contains("\"pool-timeout\":{\"value\":\"3s\"")
				.contains("\"leak-detection-threshold\":{\"value\":\"1m\",\"origin\":\"profile prod\"}");
			assertThat(app.get("/actuator/prometheus").body())
				.contains("pool_connections_long_borrows_seconds_count{")
				.contains("profile=\"prod\"");
		}
	}

	@Test
	void malformedDatabaseUrlStopsStartUpWithWhatIsWrongAndTheFix() throws Exception {
		Map<String, String> environment = Map.of("DATABASE_URL",
				"postgresql://listings:s3cr3t-pw@db.internal:54x2/listings?connection_limit=10");
		try (SampleJar app = SampleJar.start(FreePort.closed(), Path.of("target", "sample-jar-malformed.log"),
				environment, "--sample.dev-servers.mode=off")) {
			assertThat(app.awaitExit(Duration.ofSeconds(120))).as("exit status").isNotZero();
			assertThat(app.log()).contains("APPLICATION FAILED TO START")
				.contains("DATABASE_URL")
				.contains("54x2")
				.contains("Action:")
				.doesNotContain("s3cr3t-pw");
		}
	}

	private static void writeFollowsThroughCacheAndKafka(SampleJar app) throws Exception {
		// on a busy machine the first PING of the Redis client, which opens its connection,
		// or the Kafka listener's first poll may miss the health timeout: wait until all are UP
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String body = app.get("/actuator/health").body();
			assertThat(JsonPath.parse(body).read("$.status", String.class)).as(body).isEqualTo("UP");
		});
		DocumentContext health = JsonPath.parse(app.get("/actuator/health").body());
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.db.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.db.details.pool", String.class)).isEqualTo("primary");
		assertThat(health.read("$.components.db.details.client.maximum", Integer.class)).isPositive();
		assertThat(health.read("$.components.redis.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.kafka.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.kafka.details.listeners.listing-events-listener", String.class))
			.isEqualTo("running");

		assertThat(app.get("/api/database").body()).as("whether requests run on virtual threads")
			.contains("\"virtual_thread\":" + VirtualThreads.requested());

		HttpResponse<String> created = app.post("/api/listings",
				"{\"title\":\"Bike, barely used\",\"city\":\"Ghent\",\"priceCents\":12000}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = id(created.body());
		assertThat(app.get("/api/listings/" + id).body()).contains("\"title\":\"Bike, barely used\"");
		assertThat(app.get("/api/listings/" + id).statusCode()).isEqualTo(200);
		HttpResponse<String> updated = app.put("/api/listings/" + id,
				"{\"title\":\"Bike, barely used\",\"city\":\"Ghent\",\"priceCents\":9900}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		// Spring Data Redis writes cache entries asynchronously (Cache.put may register an
		// entry later): a read right after the update may still find the old entry
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(app.get("/api/listings/" + id).body())
				.as("the cache holds the update, not the old price")
				.contains("\"priceCents\":9900"));
		assertThat(app.get("/api/listings?city=Ghent&size=1").body()).contains("\"size\":1").contains("\"total\":");
		assertThat(app.post("/api/listings", "{\"title\":\"\",\"city\":\"Ghent\",\"priceCents\":1}").statusCode())
			.isEqualTo(400);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.get("/api/listings/" + id + "/events").body())
				.as("events consumed by the listener")
				.contains("\"type\":\"CREATED\"")
				.contains("\"type\":\"UPDATED\""));

		String metrics = app.get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern("hikaricp_connections_max\\{[^}]*pool=\"primary\"")
			.containsPattern("cache_gets_total\\{[^}]*cache=\"listings\"[^}]*result=\"hit\"[^}]*\\} [1-9]")
			.contains("pool_budget_utilization{")
			.contains("kafka_producer_record_send_total{");
	}

	private static long id(String body) {
		Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(body);
		assertThat(matcher.find()).as(body).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
