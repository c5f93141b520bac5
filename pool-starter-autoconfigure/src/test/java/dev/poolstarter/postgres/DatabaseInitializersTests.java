package dev.poolstarter.postgres;

import java.time.Duration;

import dev.poolstarter.test.FreePort;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up with the database away while a database initializer ({@code spring.sql.init},
 * Flyway) needs it: one failure once the start-up timeout is over, whose analysis names
 * the initializer, the address, what the last attempt got and the fixes, rather than a
 * start without the database that the initializer then fails after the pool timeout.
 */
class DatabaseInitializersTests {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(2);

	private final int port = FreePort.closed();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceInitializationAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withPropertyValues("pool.postgres.url=postgresql://app:hunter2@127.0.0.1:" + this.port + "/app",
				"pool.postgres.startup-timeout=" + STARTUP_TIMEOUT.toSeconds() + "s",
				"pool.postgres.pool-timeout=20s", "spring.flyway.enabled=false");

	@Test
	void sqlInitScriptsStopStartupOnceTheStartupTimeoutIsOverAndSayWhy() {
		long start = System.nanoTime();
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
				"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:db/pool-it/V1__listing.sql"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).as("no wait for the 20s pool timeout after the 2s start-up timeout")
			.isLessThan(STARTUP_TIMEOUT.plusSeconds(8));
		assertThat(analysis.getDescription())
			.startsWith("The PostgreSQL pool 'primary' could not connect to jdbc:postgresql://127.0.0.1:" + this.port
					+ "/app within pool.postgres.startup-timeout=2s")
			.contains("The last attempt got: Connection to 127.0.0.1:" + this.port + " refused")
			.contains("spring.sql.init (spring.sql.init.mode=always: classpath:db/pool-it/V1__listing.sql) runs "
					+ "against the database while the application starts")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).startsWith("Start PostgreSQL at 127.0.0.1:" + this.port + ", or point")
			.contains("raise pool.postgres.startup-timeout (now 2s)")
			.contains("set spring.sql.init.mode=never");
	}

	@Test
	void flywayStopsStartupNamingItsBeanAndHowToTurnItOff() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
				"spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/pool-it"));
		assertThat(analysis.getDescription()).contains("Flyway (bean 'flyway') runs against the database");
		assertThat(analysis.getAction()).contains("set spring.flyway.enabled=false");
	}

	@Test
	void everyInitializerIsNamedWithItsSwitchAndTheComposeCommandIsPrinted() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
				"spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/pool-it",
				"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:db/pool-it/V1__listing.sql",
				"spring.docker.compose.file=dev/compose.yaml"));
		assertThat(analysis.getDescription()).contains(
				"spring.sql.init (spring.sql.init.mode=always: classpath:db/pool-it/V1__listing.sql) and Flyway (bean 'flyway') run");
		assertThat(analysis.getAction())
			.contains("Start PostgreSQL at 127.0.0.1:" + this.port + " (docker compose -f dev/compose.yaml up -d)")
			.contains("set spring.sql.init.mode=never and spring.flyway.enabled=false");
	}

	@Test
	void withoutAnInitializerThatNeedsTheDatabaseStartupGoesOnWithoutIt() {
		this.contextRunner.withPropertyValues("spring.sql.init.mode=embedded",
				"spring.sql.init.schema-locations=classpath:db/pool-it/V1__listing.sql", "pool.postgres.pool-timeout=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PostgresPoolPlan.class).server().isKnown()).isFalse();
			});
	}

	@Test
	void flywayWithItsOwnUrlDoesNotHoldUpStartupOnThePoolsDatabase() {
		this.contextRunner
			.withPropertyValues("spring.flyway.enabled=true", "spring.flyway.url=jdbc:postgresql://127.0.0.1:"
					+ this.port + "/app", "pool.postgres.pool-timeout=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					assertThat(cause).as("Flyway's own connection failed, not the pool's start-up")
						.isNotInstanceOf(DatabaseUnreachableException.class);
				}
			});
	}

}
