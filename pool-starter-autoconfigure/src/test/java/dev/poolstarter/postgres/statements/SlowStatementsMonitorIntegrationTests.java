package dev.poolstarter.postgres.statements;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import dev.poolstarter.test.TestCluster;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link SlowStatementsMonitor}: against a private PostgreSQL that
 * loads {@code pg_stat_statements} ({@link TestCluster}), and against the shared server,
 * which does not.
 */
class SlowStatementsMonitorIntegrationTests {

	private static TestCluster cluster;

	@BeforeAll
	static void startCluster() throws SQLException {
		cluster = TestCluster.start(Map.of("shared_preload_libraries", "'pg_stat_statements'"));
		// databases created from template1 have it too
		execute(cluster.server(), "CREATE EXTENSION pg_stat_statements");
		execute(in(cluster.server(), "template1"), "CREATE EXTENSION pg_stat_statements");
	}

	@AfterAll
	static void removeCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void countsAndListsTheSlowStatementsOfTheDatabaseByMeanAndByTotalTime() throws SQLException {
		String database = createDatabase(cluster.server());
		TestPostgres.Server server = in(cluster.server(), database);
		execute(server, "SELECT pg_stat_statements_reset()");
		execute(server, "SELECT pg_sleep(0.25)", "SELECT pg_sleep(0.25)");
		for (int i = 0; i < 40; i++) {
			execute(server, "SELECT 1, pg_sleep(0.01)");
		}
		execute(cluster.server(), "SELECT pg_sleep(0.3), 1, 2");
		try (SlowStatementsMonitor monitor = monitor(server, Duration.ofMillis(200), false)) {
			StatementStatistics statistics = monitor.current(Duration.ZERO).statistics();
			assertThat(statistics).isNotNull();
			assertThat(statistics.availability()).isEqualTo(StatementStatistics.Availability.AVAILABLE);
			assertThat(statistics.extension().database()).isEqualTo(database);
			assertThat(statistics.slow()).isEqualTo(1);
			TrackedStatement slowest = statistics.byMeanTime().get(0);
			assertThat(slowest.query()).isEqualTo("SELECT pg_sleep($1)");
			assertThat(slowest.calls()).isEqualTo(2);
			assertThat(slowest.meanMillis()).isGreaterThanOrEqualTo(250);
			assertThat(slowest.totalMillis()).isGreaterThanOrEqualTo(500);
			assertThat(slowest.rows()).isEqualTo(2);
			assertThat(statistics.byTotalTime()).extracting(TrackedStatement::calls).contains(40L, 2L);
			assertThat(statistics.byTotalTime().get(0).totalMillis())
				.isGreaterThanOrEqualTo(statistics.byTotalTime().get(1).totalMillis());
			assertThat(statistics.byMeanTime()).extracting(TrackedStatement::query)
				.as("statements of another database")
				.doesNotContain("SELECT pg_sleep($1), $2, $3");
			assertThat(statistics.byMeanTime()).allSatisfy((statement) -> assertThat(statement.meanMillis())
				.isLessThanOrEqualTo(slowest.meanMillis()));
			assertThat(statistics.fullView()).isTrue();
		}
	}

	@Test
	void keepsToThePoolsRoleWhenAskedAndSaysWhenTheRoleSeesOnlyItsOwnTexts() throws SQLException {
		String database = createDatabase(cluster.server());
		String role = "pool_pgss_" + hex();
		execute(cluster.server(), "CREATE ROLE " + role + " LOGIN");
		TestPostgres.Server admin = in(cluster.server(), database);
		TestPostgres.Server app = new TestPostgres.Server(admin.source(), admin.jdbcUrl(), role, null, role);
		execute(app, "SELECT pg_sleep(0.01), 1");
		execute(admin, "SELECT pg_sleep(0.01), 1, 2");
		try (SlowStatementsMonitor own = monitor(app, Duration.ofSeconds(2), true);
				SlowStatementsMonitor every = monitor(app, Duration.ofSeconds(2), false)) {
			StatementStatistics mine = own.current(Duration.ZERO).statistics();
			assertThat(mine).isNotNull();
			assertThat(mine.ownRoleOnly()).isTrue();
			assertThat(mine.byTotalTime()).isNotEmpty()
				.extracting(TrackedStatement::query)
				.contains("SELECT pg_sleep($1), $2")
				.doesNotContain("SELECT pg_sleep($1), $2, $3", "<insufficient privilege>");
			StatementStatistics all = every.current(Duration.ZERO).statistics();
			assertThat(all).isNotNull();
			assertThat(all.fullView()).as("a role without pg_read_all_stats").isFalse();
			assertThat(all.byTotalTime()).extracting(TrackedStatement::query).contains("<insufficient privilege>");
			assertThat(all.tracked()).isGreaterThan(mine.tracked());
		}
	}

	@Test
	void neverShowsThePasswordOfAStatementThatSetsOne() throws SQLException {
		String database = createDatabase(cluster.server());
		TestPostgres.Server server = in(cluster.server(), database);
		String role = "pool_pgss_" + hex();
		execute(server, "CREATE ROLE " + role + " LOGIN PASSWORD 'hunter2-first'",
				"ALTER ROLE " + role + " PASSWORD 'hunter2-second'");
		try (SlowStatementsMonitor monitor = new SlowStatementsMonitor("primary", dataSource(server),
				Duration.ofSeconds(2), 100, false, Duration.ofSeconds(5), Clock.systemUTC())) {
			StatementStatistics statistics = monitor.current(Duration.ZERO).statistics();
			assertThat(statistics).isNotNull();
			assertThat(statistics.byTotalTime()).extracting(TrackedStatement::query)
				.contains("ALTER ROLE " + role + " PASSWORD '******'");
			assertThat(statistics.toString()).doesNotContain("hunter2");
		}
	}

	@Test
	void givesTheTimeOfTheLastReset() throws SQLException {
		Instant before = Instant.now().minusSeconds(1);
		execute(cluster.server(), "SELECT pg_stat_statements_reset()");
		try (SlowStatementsMonitor monitor = monitor(cluster.server(), Duration.ofSeconds(2), false)) {
			StatementStatistics statistics = monitor.current(Duration.ZERO).statistics();
			assertThat(statistics).isNotNull();
			assertThat(statistics.extension().resetTimeKnown()).isTrue();
			assertThat(statistics.resetAt()).isAfter(before);
		}
	}

	@Test
	void samplesOnItsOwnScheduleAndReadingTheLatestNeverQueries() throws SQLException {
		String database = createDatabase(cluster.server());
		TestPostgres.Server server = in(cluster.server(), database);
		try (SlowStatementsMonitor monitor = monitor(server, Duration.ofSeconds(2), false)) {
			monitor.startSampling(Duration.ofHours(1));
			await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> monitor.latest().statistics() != null);
			for (int i = 0; i < 50; i++) {
				assertThat(monitor.latest().statistics()).isNotNull();
			}
			assertThat(callsOfTheMonitorsQuery(server)).isEqualTo(1);
		}
	}

	@Test
	void saysHowToEnableTheExtensionWhereItIsNotInstalled() throws SQLException {
		TestPostgres.Server shared = TestPostgres.get();
		String database = createDatabase(shared);
		try (SlowStatementsMonitor monitor = monitor(in(shared, database), Duration.ofSeconds(2), false)) {
			StatementsView view = monitor.current(Duration.ZERO);
			StatementStatistics statistics = view.statistics();
			assertThat(view.stale()).isFalse();
			assertThat(statistics).isNotNull();
			assertThat(statistics.availability()).isEqualTo(StatementStatistics.Availability.NOT_INSTALLED);
			assertThat(statistics.unavailableReason())
				.isEqualTo("pg_stat_statements is not installed in database " + database);
			assertThat(statistics.enableSteps()).anySatisfy((step) -> assertThat(step)
				.contains("shared_preload_libraries = '")
				.contains("pg_stat_statements')")
				.endsWith("and restart the server"))
				.contains("run CREATE EXTENSION pg_stat_statements; in database " + database + " as a superuser");
		}
		finally {
			dropDatabase(shared, database);
		}
	}

	@Test
	void saysTheServerMustLoadTheExtensionWhereItIsInstalledButNotPreloaded() throws SQLException {
		TestPostgres.Server shared = TestPostgres.get();
		String database = createDatabase(shared);
		try {
			TestPostgres.Server server = in(shared, database);
			execute(server, "CREATE EXTENSION pg_stat_statements");
			try (SlowStatementsMonitor monitor = monitor(server, Duration.ofSeconds(2), false)) {
				StatementStatistics statistics = monitor.current(Duration.ZERO).statistics();
				assertThat(statistics).isNotNull();
				assertThat(statistics.availability()).isEqualTo(StatementStatistics.Availability.NOT_LOADED);
				assertThat(statistics.unavailableReason()).endsWith("it is missing from shared_preload_libraries");
				assertThat(statistics.enableSteps()).singleElement()
					.asString()
					.startsWith("add pg_stat_statements to shared_preload_libraries");
			}
		}
		finally {
			dropDatabase(shared, database);
		}
	}

	private static SlowStatementsMonitor monitor(TestPostgres.Server server, Duration threshold, boolean ownRoleOnly) {
		return new SlowStatementsMonitor("primary", dataSource(server), threshold, 10, ownRoleOnly,
				Duration.ofSeconds(5), Clock.systemUTC());
	}

	private static long callsOfTheMonitorsQuery(TestPostgres.Server server) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
					+ "WHERE query LIKE 'WITH s AS (SELECT left(p.query%' "
					+ "AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static DataSource dataSource(TestPostgres.Server server) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(server.jdbcUrl());
		if (server.username() != null) {
			dataSource.setUser(server.username());
		}
		if (server.password() != null) {
			dataSource.setPassword(server.password());
		}
		return dataSource;
	}

	private static String createDatabase(TestPostgres.Server admin) throws SQLException {
		String database = "pool_pgss_" + hex();
		execute(admin, "CREATE DATABASE " + database);
		return database;
	}

	private static void dropDatabase(TestPostgres.Server admin, String database) throws SQLException {
		execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	private static TestPostgres.Server in(TestPostgres.Server server, String database) {
		String url = server.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
		return new TestPostgres.Server(server.source(), url, server.username(), server.password(),
				database + " on " + server.description());
	}

	private static void execute(TestPostgres.Server server, String... sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	private static String hex() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

}
