package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.postgres.pool.JdbcPoolTransactionManager;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests of {@link JdbcPoolTransactionManagerAutoConfiguration} against a real
 * PostgreSQL: a transaction whose connection the server ends fails with what the server
 * said, without a second failure from the rollback, and the transaction manager the
 * application or Spring Boot's settings choose still wins.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcPoolTransactionManagerIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class,
				JdbcPoolTransactionManagerAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=tx-it", "pool.instance-id=t1",
				"spring.transaction.default-timeout=7s");

	@Test
	void aTransactionWhoseSessionTheServerEndedFailsWithWhatTheServerSaidAndNoRollbackError(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			PlatformTransactionManager transactionManager = context.getBean(PlatformTransactionManager.class);
			assertThat(transactionManager).isInstanceOf(JdbcPoolTransactionManager.class);
			assertThat(((JdbcTransactionManager) transactionManager).getDefaultTimeout())
				.as("Spring Boot's customizers still apply").isEqualTo(7);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult((status) -> {
					int pid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
					terminate(pid);
					jdbc.queryForObject("SELECT 1", Integer.class);
				}))
				.withMessageContaining("terminating connection due to administrator command");
			assertThat(output).doesNotContain("Application exception overridden by rollback exception");
			assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).as("the pool serves the next transaction")
				.isEqualTo(1);
		});
	}

	@Test
	void theApplicationsOwnFailureStillRollsTheTransactionBack() {
		this.contextRunner.run((context) -> {
			PlatformTransactionManager transactionManager = context.getBean(PlatformTransactionManager.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE IF NOT EXISTS pool_tx_it (marker text)");
			String marker = "rolled-back-" + System.nanoTime();
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO pool_tx_it VALUES (?)", marker);
					throw new IllegalStateException("the application's own failure");
				}));
			assertThat(jdbc.queryForObject("SELECT count(*) FROM pool_tx_it WHERE marker = ?", Integer.class, marker))
				.isZero();
		});
	}

	@Test
	void theApplicationsOwnTransactionManagerWins() {
		this.contextRunner.withUserConfiguration(OwnTransactionManager.class)
			.run((context) -> assertThat(context.getBean(PlatformTransactionManager.class))
				.isExactlyInstanceOf(DataSourceTransactionManager.class));
	}

	@Test
	void springBootsChoiceStandsWithoutExceptionTranslation() {
		this.contextRunner.withPropertyValues("spring.dao.exceptiontranslation.enabled=false")
			.run((context) -> assertThat(context.getBean(PlatformTransactionManager.class))
				.isExactlyInstanceOf(DataSourceTransactionManager.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransactionManager {

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	private static void terminate(int pid) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(" + pid + ")");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
