package dev.poolstarter.postgres.retry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolReadRetryAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolTransactionManagerAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests of read retries against the real PostgreSQL. The server ends the
 * session under the first run of each statement, as a restart or
 * {@code pg_terminate_backend} would: the test arms a key with a session of its own named
 * after it, and a function called with an armed key ends that session (waiting until it
 * is gone) and then its own, so that it ends the first call only, in a read-only
 * transaction too.
 */
class ReadRetryIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	// the sessions that arm the keys, held so that the driver does not close them
	private static final List<Connection> armed = new CopyOnWriteArrayList<>();

	private final String key = arm();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class,
				JdbcPoolTransactionManagerAutoConfiguration.class, JdbcPoolReadRetryAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
				TransactionAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				PostgresPoolMetricsAutoConfiguration.class))
		.withUserConfiguration(ReportsConfiguration.class)
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=retry-it", "pool.instance-id=r1",
				"pool.postgres.max-connections=2");

	@BeforeAll
	static void createFunctions() throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE OR REPLACE FUNCTION retry_it_end_once(key text) RETURNS int AS $$
					DECLARE
						armed int;
					BEGIN
						SELECT pid INTO armed FROM pg_stat_activity WHERE application_name = 'retry-it-armed-' || key;
						IF armed IS NOT NULL THEN
							PERFORM pg_terminate_backend(armed, 5000);
							PERFORM pg_terminate_backend(pg_backend_pid());
						END IF;
						RETURN 42;
					END
					$$ LANGUAGE plpgsql""");
		}
	}

	@AfterAll
	static void closeArmingSessions() {
		for (Connection session : armed) {
			try {
				session.close();
			}
			catch (SQLException ex) {
				// ended by the function
			}
		}
	}

	@Test
	void aReadOnlyTransactionWhoseSessionTheServerEndedRunsAgainOnAFreshConnection() {
		this.contextRunner.run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.readOnly(this.key)).isEqualTo(42);
			assertThat(reports.runs()).isEqualTo(2);
			assertThat(retried(context.getBean(MeterRegistry.class), "succeeded")).isEqualTo(1);
		});
	}

	@Test
	void aJdbcTemplateQueryOutsideATransactionRunsAgain() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT retry_it_end_once(?)", Integer.class, this.key)).isEqualTo(42);
			assertThat(retried(context.getBean(MeterRegistry.class), "succeeded")).isEqualTo(1);
		});
	}

	@Test
	void aJdbcClientQueryRunsAgainThroughTheTemplate() {
		this.contextRunner.run((context) -> {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT retry_it_end_once(:key)").param("key", this.key).query(Integer.class).single())
				.isEqualTo(42);
			assertThat(retried(context.getBean(MeterRegistry.class), "succeeded")).isEqualTo(1);
		});
	}

	@Test
	void aWriteNeverRunsAgain() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> jdbc.update("SELECT retry_it_end_once(?)", this.key));
			Reports reports = context.getBean(Reports.class);
			String writeKey = arm();
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> reports.write(writeKey));
			assertThat(reports.runs()).isEqualTo(1);
			assertThat(retried(context.getBean(MeterRegistry.class), "succeeded")).isZero();
		});
	}

	/**
	 * Arm a key: the first call of the function with it ends its caller's session.
	 */
	private static String arm() {
		String key = "k" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try {
			Connection session = server.connect();
			armed.add(session);
			try (Statement statement = session.createStatement()) {
				statement.execute("SET application_name = 'retry-it-armed-" + key + "'");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return key;
	}

	private static double retried(MeterRegistry registry, String outcome) {
		return registry.get("pool.reads.retried").tag("outcome", outcome).functionCounter().count();
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportsConfiguration {

		@Bean
		Reports reports(JdbcTemplate jdbc) {
			return new Reports(jdbc);
		}

	}

	static class Reports {

		private final JdbcTemplate jdbc;

		private int runs;

		Reports(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		public int runs() {
			return this.runs;
		}

		@Transactional(readOnly = true)
		public Integer readOnly(String key) {
			this.runs++;
			return this.jdbc.queryForObject("SELECT retry_it_end_once(?)", Integer.class, key);
		}

		@Transactional
		public Integer write(String key) {
			this.runs++;
			return this.jdbc.queryForObject("SELECT retry_it_end_once(?)", Integer.class, key);
		}

	}

}
