package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's failure analyzers from a real PostgreSQL that refuses: an
 * unknown role, a missing database, and a fleet that does not fit the server's
 * {@code max_connections}, read from the server itself.
 */
class FailureAnalyzersIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static int maxConnections;

	private static int reserved;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=analyzers-it", "pool.instance-id=a1",
				"pool.postgres.budget-check=fail", "pool.postgres.min-idle=0");

	@BeforeAll
	static void readTheServersLimits() throws SQLException {
		try (Connection connection = server.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT "
						+ "current_setting('max_connections')::int, "
						+ "current_setting('superuser_reserved_connections')::int "
						+ "+ coalesce(current_setting('reserved_connections', true), '0')::int")) {
			rows.next();
			maxConnections = rows.getInt(1);
			reserved = rows.getInt(2);
		}
	}

	@Test
	void explainsUnknownRoleWithTheCredentialsToCheck() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner
			.withPropertyValues("pool.postgres.username=pool_it_no_such_role", "pool.postgres.password=hunter2"));
		assertThat(analysis.getDescription()).startsWith("The PostgreSQL pool 'primary' could not connect to ")
			.contains("after 1 attempt(s)")
			.contains("role \"pool_it_no_such_role\" does not exist")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).startsWith("Check the user name and password: pool.postgres.username and "
				+ "pool.postgres.password");
	}

	@Test
	void explainsMissingDatabaseWithoutRetrying() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
				"pool.postgres.url=jdbc:postgresql://" + server.host() + ":" + server.port()
						+ "/pool_it_no_such_database"));
		assertThat(analysis.getDescription()).contains("/pool_it_no_such_database after 1 attempt(s)")
			.contains("database \"pool_it_no_such_database\" does not exist");
		assertThat(analysis.getAction())
			.isEqualTo("Create the database on the server, or correct the database name in the URL.");
	}

	@Test
	void explainsFleetOverBudgetWithTheLargestSizeThatFits() {
		int fleet = fleetConnections();
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner
			.withPropertyValues("pool.instances=2", "pool.postgres.max-connections=" + fleet));
		assertThat(analysis.getDescription())
			.startsWith("The fleet would open more PostgreSQL connections than the server can spare: 2 instance(s) x "
					+ fleet + " connections = " + (2 * fleet) + " > " + fleet + " (budget 0.8 x (max_connections "
					+ maxConnections + " - reserved " + reserved + "))")
			.contains("The pool size " + fleet + " comes from pool.postgres.max-connections")
			.contains("'sorry, too many clients already'");
		assertThat(analysis.getAction()).isEqualTo("Set pool.postgres.max-connections to at most " + (fleet / 2)
				+ ", lower pool.instances, or raise max_connections on the server. "
				+ "To start anyway, set pool.postgres.budget-check=warn.");
	}

	@Test
	void explainsFleetWhereNotOneConnectionFits() {
		int fleet = fleetConnections();
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner
			.withPropertyValues("pool.instances=" + (fleet + 1), "pool.postgres.max-connections=1"));
		assertThat(analysis.getDescription()).contains((fleet + 1) + " instance(s) x 1 connections");
		assertThat(analysis.getAction())
			.startsWith("Not even one connection per instance fits: lower pool.instances to at most " + fleet + ",");
	}

	@Test
	void explainsPoolLockingMinimumOverBudget() {
		int fleet = fleetConnections();
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues("pool.instances=1",
				"pool.postgres.max-connections=auto", "pool.postgres.connections-per-task=2",
				"pool.postgres.task-threads=" + fleet));
		assertThat(analysis.getDescription()).contains("1 instance(s) x " + (fleet + 1) + " connections")
			.contains("comes from the pool-locking minimum " + (fleet + 1) + " for connections-per-task");
		assertThat(analysis.getAction())
			.startsWith("Tasks that hold pool.postgres.connections-per-task connections at once need at least "
					+ (fleet + 1) + " connections per instance.")
			.doesNotContain("max-connections to at most");
	}

	private static int fleetConnections() {
		return (int) Math.floor(0.8 * (maxConnections - reserved));
	}

}
