package dev.poolstarter.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TestReplica}: a private primary and its streaming replica, made from
 * the local server binaries whatever the machine's own PostgreSQL allows.
 */
class TestReplicaIntegrationTests {

	private static TestReplica replica;

	@BeforeAll
	static void start() {
		replica = TestReplica.start();
	}

	@AfterAll
	static void remove() {
		if (replica != null) {
			replica.close();
		}
	}

	@Test
	void replicaIsAStandbyThatReplaysThePrimarysWrites() throws Exception {
		assertThat(query(replica.server(), "SELECT pg_is_in_recovery()")).isEqualTo("t");
		assertThat(query(replica.primary(), "SELECT pg_is_in_recovery()")).isEqualTo("f");
		execute(replica.primary(), "CREATE TABLE IF NOT EXISTS replayed (v text)", "INSERT INTO replayed VALUES ('a')");
		replica.awaitReplay(Duration.ofSeconds(30));
		assertThat(query(replica.server(), "SELECT string_agg(v, ',') FROM replayed")).contains("a");
	}

	@Test
	void pausedReplayLeavesTheReplicaBehindUntilItResumes() throws Exception {
		execute(replica.primary(), "CREATE TABLE IF NOT EXISTS paused (v int)");
		replica.awaitReplay(Duration.ofSeconds(30));
		replica.pauseReplay();
		try {
			execute(replica.primary(), "INSERT INTO paused VALUES (1)");
			assertThat(query(replica.primary(), "SELECT count(*) FROM paused")).isEqualTo("1");
			assertThat(query(replica.server(), "SELECT count(*) FROM paused")).isEqualTo("0");
		}
		finally {
			replica.resumeReplay();
		}
		replica.awaitReplay(Duration.ofSeconds(30));
		assertThat(query(replica.server(), "SELECT count(*) FROM paused")).isEqualTo("1");
	}

	@Test
	void bothServersCheckThePasswordOfTheirPasswordLogin() throws Exception {
		TestPostgres.Server login = replica.passwordChecked();
		for (TestPostgres.Server server : new TestPostgres.Server[] { login, replica.onReplica(login) }) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> server.withPassword("wrong").connect())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
			assertThat(query(server, "SELECT current_user")).isEqualTo(login.username());
		}
		assertThat(query(replica.onReplica(login), "SELECT pg_is_in_recovery()")).isEqualTo("t");
	}

	private static void execute(TestPostgres.Server server, String... statements) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String query(TestPostgres.Server server, String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
	}

}
