package dev.poolstarter.postgres.endpoint;

import java.sql.Connection;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PoolEndpointAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the {@link PoolEndpoint} against a real PostgreSQL.
 */
class PoolEndpointIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, PoolEndpointAutoConfiguration.class,
				DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=orders", "pool.postgres.password=hunter2-secret",
				"management.endpoints.web.exposure.include=pool");

	@Test
	void showsSettingsWithOriginsBudgetArithmeticAndARecommendation() {
		this.contextRunner.withPropertyValues("pool.services.orders.postgres.max-connections=4").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			for (int i = 0; i < 20; i++) {
				try (Connection connection = dataSource.getConnection()) {
					connection.createStatement().execute("SELECT pg_sleep(0.01)");
				}
			}
			Map<String, Object> pool = pool(context.getBean(PoolEndpoint.class));
			assertThat(map(pool, "settings").get("max-connections"))
				.isEqualTo(Map.of("value", "4", "origin", "pool.services.orders.postgres.max-connections"));
			assertThat(map(pool, "budget")).containsEntry("poolSize", 4).containsEntry("fits", true);
			assertThat(map(pool, "budget").get("arithmetic").toString()).startsWith("1 instance(s) x 4 connections");
			Map<String, Object> recommendation = map(pool, "recommendation");
			assertThat((long) recommendation.get("borrows")).isGreaterThanOrEqualTo(20);
			assertThat((double) recommendation.get("meanHeldMillis")).isGreaterThanOrEqualTo(10);
			assertThat((int) recommendation.get("recommendedMaxConnections")).isGreaterThanOrEqualTo(1);
			assertThat(recommendation.get("explanation").toString()).startsWith("Little's law:");
			assertThat(map(pool, "connection")).containsEntry("password", "******");
			assertThat(pool.toString()).doesNotContain("hunter2-secret");
		});
	}

	@Test
	void notCreatedUnlessExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolEndpoint.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> pool(PoolEndpoint endpoint) {
		Map<String, Object> pools = (Map<String, Object>) endpoint.pools().get("pools");
		return (Map<String, Object>) pools.get("primary");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String name) {
		return (Map<String, Object>) parent.get(name);
	}

}
