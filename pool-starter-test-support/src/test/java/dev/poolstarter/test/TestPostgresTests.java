package dev.poolstarter.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void passwordCheckedLoginIsRefusedWithAWrongPasswordAndTakenWithItsOwn() throws Exception {
		TestPostgres.Server role = TestPostgres.passwordChecked();
		assertThat(role.password()).isNotBlank();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> role.withPassword("wrong").connect())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"))
			.withMessageContaining("password authentication failed for user \"" + role.username() + "\"");
		assertThat(selectOne(role)).isEqualTo(1);
		assertThat(currentDatabase(role)).isEqualTo(role.username());
	}

	@Test
	void embeddedServerChecksThePasswordWhenTheLocalOneCannotBeChanged() throws Exception {
		TestPostgres.Server embedded = TestPostgres.startEmbeddedCheckingPasswords();
		TestPostgres.Server role = TestPostgres.checkingPasswords(embedded);
		assertThat(role.source()).isEqualTo(TestPostgres.Source.EMBEDDED);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> role.withPassword("wrong").connect())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		assertThat(selectOne(role)).isEqualTo(1);
		assertThat(selectOne(embedded)).as("other logins are trusted").isEqualTo(1);
	}

	@Test
	void closedPortDoesNotAnswer() {
		assertThat(TestPostgres.answers("127.0.0.1", FreePort.closed())).isFalse();
	}

	private static String currentDatabase(TestPostgres.Server server) throws Exception {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_database()")) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static int selectOne(TestPostgres.Server server) throws Exception {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
