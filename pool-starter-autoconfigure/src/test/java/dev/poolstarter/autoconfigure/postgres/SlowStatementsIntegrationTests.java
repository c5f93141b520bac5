package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.poolstarter.test.TestCluster;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.endpoint.PoolEndpoint;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.statements.SlowStatementsMonitor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the slow statements from {@code pg_stat_statements} in the
 * {@code pool} endpoint, the {@code pool.statements.slow} gauge and the {@code db}
 * health: against a private PostgreSQL that loads the extension ({@link TestCluster}),
 * and against the shared server, which does not.
 */
class SlowStatementsIntegrationTests {

	private static TestCluster cluster;

	private final ApplicationContextRunner contextRunner = runner(cluster.server());

	@BeforeAll
	static void startCluster() throws SQLException {
		cluster = TestCluster.start(Map.of("shared_preload_libraries", "'pg_stat_statements'"));
		execute(cluster.server(), "CREATE EXTENSION pg_stat_statements");
	}

	@AfterAll
	static void removeCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	private static ApplicationContextRunner runner(TestPostgres.Server server) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class,
					PostgresPoolHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
					PostgresPoolMetricsAutoConfiguration.class, PoolEndpointAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(server.poolProperties())
			.withPropertyValues("spring.application.name=statements-it", "pool.postgres.min-idle=0",
					"pool.postgres.password=hunter2-pool", "pool.health.cache-ttl=0s",
					"management.endpoints.web.exposure.include=pool",
					"pool.health.slow-statements.threshold=200ms",
					"pool.health.slow-statements.sample-interval=200ms");
	}

	@Test
	void poolEndpointShowsTheLongestStatementsByMeanAndTotalTimeSinceTheLastReset() throws SQLException {
		execute(cluster.server(), "SELECT pg_stat_statements_reset()");
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			jdbc.queryForList("SELECT pg_sleep(0.25)");
			jdbc.queryForList("SELECT pg_sleep(0.25)");
			for (int i = 0; i < 30; i++) {
				jdbc.queryForList("SELECT 1, pg_sleep(0.02)");
			}
			// a sample taken after the last statement ran
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(list(statements(context), "byTotalTime")).first()
					.satisfies((mostTime) -> assertThat(mostTime).containsEntry("calls", 30L)));
			Map<String, Object> statements = statements(context);
			assertThat(statements).containsEntry("slow", 1);
			assertThat(statements).containsEntry("available", true)
				.containsEntry("scope", "database postgres, every role")
				.containsEntry("view", "full")
				.containsEntry("threshold", "200ms")
				.containsEntry("sampleInterval", "200ms")
				.containsEntry("stale", false);
			assertThat((String) statements.get("source")).matches("pg_stat_statements 1\\.\\d+ \\(schema public\\)");
			assertThat((String) statements.get("since")).startsWith("the last pg_stat_statements_reset(), at ");
			Map<String, Object> slowest = list(statements, "byMeanTime").get(0);
			assertThat(slowest).containsEntry("query", "SELECT pg_sleep($1)").containsEntry("calls", 2L);
			assertThat((double) slowest.get("meanMillis")).isGreaterThanOrEqualTo(250);
			assertThat(list(statements, "byTotalTime")).first()
				.satisfies((mostTime) -> assertThat(mostTime).containsEntry("query", "SELECT $1, pg_sleep($2)")
					.containsEntry("calls", 30L));
		});
	}

	@Test
	void poolEndpointNeverShowsAPasswordFromAStatementText() throws SQLException {
		execute(cluster.server(), "SELECT pg_stat_statements_reset()",
				"DO $$ BEGIN CREATE ROLE pool_pgss_masked LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
				"ALTER ROLE pool_pgss_masked PASSWORD 'hunter2-role'");
		this.contextRunner.withPropertyValues("pool.health.slow-statements.top=100").run((context) -> {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(list(statements(context), "byMeanTime"))
					.anySatisfy((statement) -> assertThat(statement).containsEntry("query",
							"ALTER ROLE pool_pgss_masked PASSWORD '******'")));
			String endpoint = context.getBean(PoolEndpoint.class).pools().toString();
			assertThat(endpoint).doesNotContain("hunter2");
		});
	}

	@Test
	void gaugeCountsTheSlowStatementsAndCarriesNoStatementText() throws SQLException {
		execute(cluster.server(), "SELECT pg_stat_statements_reset()", "SELECT pg_sleep(0.25)");
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(registry.get("pool.statements.slow").gauge().value()).isEqualTo(1));
			Gauge gauge = registry.get("pool.statements.slow").gauge();
			assertThat(gauge.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("service", "profile", "pool", "role");
			assertThat(registry.find("pool.statements.slow").gauges()).hasSize(1);
		});
	}

	@Test
	void degradedHealthNamesTheSlowestStatementsAndHealthyHealthDoesNot() throws SQLException {
		execute(cluster.server(), "SELECT pg_stat_statements_reset()", "SELECT pg_sleep(0.25)");
		this.contextRunner.run((context) -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> oneSlow(context));
			Health healthy = health(context);
			assertThat(healthy.getStatus()).as(healthy.getDetails().toString()).isEqualTo(Status.UP);
			assertThat(healthy.getDetails()).doesNotContainKey("slowestStatements");
		});
		this.contextRunner.withPropertyValues("pool.health.utilization-warn=0").run((context) -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> oneSlow(context));
			Health strained = health(context);
			assertThat(strained.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
			Map<String, Object> slowest = map(strained.getDetails(), "slowestStatements");
			assertThat(slowest).containsEntry("threshold", "200ms").containsEntry("slow", 1);
			assertThat(list(slowest, "byMeanTime")).hasSizeLessThanOrEqualTo(3)
				.first()
				.satisfies((statement) -> assertThat(statement).containsEntry("query", "SELECT pg_sleep($1)"));
		});
	}

	@Test
	void healthTheEndpointAndScrapesReadTheLastSampleAndNeverQueryTheExtension() throws SQLException {
		this.contextRunner.withPropertyValues("pool.health.slow-statements.sample-interval=1h",
				"pool.health.utilization-warn=0")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(30)).until(() -> statements(context).containsKey("sampledAt"));
				long before = callsOfTheMonitorsQuery();
				for (int i = 0; i < 20; i++) {
					assertThat(health(context).getDetails()).containsKey("slowestStatements");
					assertThat(statements(context)).containsKey("byMeanTime");
					context.getBean(MeterRegistry.class).get("pool.statements.slow").gauge().value();
				}
				assertThat(callsOfTheMonitorsQuery()).isEqualTo(before);
				assertThat(before).isPositive();
			});
	}

	@Test
	void poolEndpointSaysHowToEnableTheExtensionWhereTheServerLacksIt() {
		runner(TestPostgres.get()).run((context) -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> statements(context).containsKey("sampledAt"));
			Map<String, Object> statements = statements(context);
			assertThat(statements).containsEntry("available", false);
			assertThat((String) statements.get("reason")).startsWith("pg_stat_statements is ");
			assertThat((List<?>) statements.get("enable")).anySatisfy((step) -> assertThat((String) step)
				.startsWith("add pg_stat_statements to shared_preload_libraries"))
				.anySatisfy((step) -> assertThat((String) step).contains(": GRANT pg_read_all_stats TO "));
			assertThat(context.getBean(MeterRegistry.class).get("pool.statements.slow").gauge().value()).isNaN();
		});
	}

	@Test
	void turnedOffByProperty() {
		runner(TestPostgres.get()).withPropertyValues("pool.health.slow-statements.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SlowStatementsMonitor.class);
			assertThat(context.getBean(MeterRegistry.class).find("pool.statements.slow").gauges()).isEmpty();
			assertThat(pool(context)).doesNotContainKey("statements");
		});
	}

	@Test
	void aTopOfZeroStopsStartup() {
		runner(TestPostgres.get()).withPropertyValues("pool.health.slow-statements.top=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("pool.health.slow-statements.top"));
	}

	private static boolean oneSlow(AssertableApplicationContext context) {
		return Integer.valueOf(1).equals(statements(context).get("slow"));
	}

	private static long callsOfTheMonitorsQuery() throws SQLException {
		try (Connection connection = cluster.server().connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
						+ "WHERE query LIKE 'WITH s AS (SELECT left(p.query%'")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(PostgresPoolHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> pool(AssertableApplicationContext context) {
		Map<String, Object> pools = (Map<String, Object>) context.getBean(PoolEndpoint.class).pools().get("pools");
		return (Map<String, Object>) pools.get("primary");
	}

	private static Map<String, Object> statements(AssertableApplicationContext context) {
		return map(pool(context), "statements");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String name) {
		return (Map<String, Object>) parent.get(name);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> parent, String name) {
		return (List<Map<String, Object>>) parent.get(name);
	}

	private static void execute(TestPostgres.Server server, String... sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

}
