package dev.poolstarter.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TestPostgres}.
 */
class TestPostgresTests {

	@Test
	void sharedServerAnswersQueries() throws Exception {
		TestPostgres.Server server = TestPostgres.get();
		assertThat(selectOne(server)).isEqualTo(1);
	}

	@Test
	void embeddedServerStartsAndAnswersWhenForced() throws Exception {
		TestPostgres.Server server = TestPostgres.startEmbedded();
		assertThat(server.source()).isEqualTo(TestPostgres.Source.EMBEDDED);
		assertThat(server.jdbcUrl()).doesNotContain(":5432/");
		assertThat(selectOne(server)).isEqualTo(1);
	}

	@Test
	void closedPortDoesNotAnswer() {
		assertThat(TestPostgres.answers("127.0.0.1", FreePort.closed())).isFalse();
	}

	private static int selectOne(TestPostgres.Server server) throws Exception {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
