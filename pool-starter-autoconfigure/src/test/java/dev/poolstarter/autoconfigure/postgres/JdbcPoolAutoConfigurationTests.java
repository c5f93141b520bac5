package dev.poolstarter.autoconfigure.postgres;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.FreePort;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.DatabaseUnreachableException;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.PostgresSettingsException;
import dev.poolstarter.postgres.settings.InvalidDatabaseUrlException;
import dev.poolstarter.settings.UnknownSelectionException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring tests for {@link JdbcPoolAutoConfiguration} that need no server: back-off,
 * switches and bad input that fails before any connection is opened.
 */
class JdbcPoolAutoConfigurationTests {

	private final String closedUrl = "pool.postgres.url=jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/app";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(this.closedUrl, "pool.postgres.fail-fast=true");

	@Test
	void backsOffWhenUserDefinesDataSource() {
		this.contextRunner.withBean("dataSource", DataSource.class, SimpleDriverDataSource::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(DataSource.class).isInstanceOf(SimpleDriverDataSource.class);
			assertThat(context).doesNotHaveBean(PostgresPoolPlan.class);
		});
	}

	@Test
	void backsOffWhenDisabledAndLetsSpringBootBuildThePool() {
		this.contextRunner
			.withPropertyValues("pool.postgres.enabled=false", "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PostgresPoolPlan.class);
				assertThat(context).getBean(DataSource.class).isInstanceOf(HikariDataSource.class);
				assertThat(context.getBean(HikariDataSource.class).getPoolName()).isNotEqualTo("primary");
			});
	}

	@Test
	void backsOffWithoutPgjdbc() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(PGSimpleDataSource.class))
			.withPropertyValues(this.closedUrl)
			.run((context) -> assertThat(context).doesNotHaveBean(PostgresPoolPlan.class));
	}

	@Test
	void unknownProfileStopsStartup() {
		this.contextRunner.withPropertyValues("pool.profile=qa")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnknownSelectionException.class)
				.hasMessageContaining("dev, staging, prod, prod-high-traffic, serverless"));
	}

	@Test
	void malformedDatabaseUrlStopsStartupWithoutThePassword() {
		this.contextRunner.withPropertyValues("pool.postgres.url=", "DATABASE_URL=postgresql://u:hunter2@db:99999/app")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidDatabaseUrlException.class)
				.hasMessageContaining("port '99999'")
				.hasMessageNotContaining("hunter2"));
	}

	@Test
	void pgbouncerAdminUrlOfAnotherDatabaseStopsStartupWithoutThePassword() {
		this.contextRunner.withPropertyValues("pool.postgres.pgbouncer-admin-url=postgresql://stats:hunter2@pgb:6432/app")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidDatabaseUrlException.class)
				.hasMessageContaining("pool.postgres.pgbouncer-admin-url")
				.hasMessageNotContaining("hunter2"));
	}

	@Test
	void missingUrlStopsStartupNamingTheThreeSources() {
		this.contextRunner.withPropertyValues("pool.postgres.url=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidDatabaseUrlException.class)
				.hasMessageContaining("DATABASE_URL")
				.hasMessageContaining("spring.datasource.url"));
	}

	@Test
	void impossibleSizeStopsStartupBeforeAnyConnection() {
		this.contextRunner.withPropertyValues("pool.postgres.max-connections=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(PostgresSettingsException.class)
				.hasMessageContaining("max-connections=0"));
	}

	@Test
	void minIdleAboveMaximumStopsStartup() {
		this.contextRunner.withPropertyValues("pool.services.orders.postgres.max-connections=4",
				"pool.postgres.min-idle=6", "spring.application.name=orders")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(PostgresSettingsException.class)
				.hasMessageContaining("min-idle=6 (from pool.postgres.min-idle) is above the maximum pool size 4 "
						+ "(pool.services.orders.postgres.max-connections)"));
	}

	@Test
	void unreachableDatabaseWithFailFastStopsStartupAfterOneAttempt() {
		this.contextRunner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(java.net.ConnectException.class));
		this.contextRunner.run((context) -> {
			DatabaseUnreachableException failure = findCause(context.getStartupFailure(),
					DatabaseUnreachableException.class);
			assertThat(failure.getAttempts()).isEqualTo(1);
			assertThat(failure.isRetryable()).isTrue();
		});
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			candidate = candidate.getCause();
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

}
