package dev.poolstarter.postgres.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link DatabaseUnavailableExceptionResolver} with the failures a real
 * PostgreSQL gives, as Spring's {@link JdbcTemplate} translates them: a connection ended
 * by the server, a server that is not there and a full server answer 503; a statement's
 * own errors do not.
 */
class DatabaseUnavailableExceptionResolverIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final DatabaseUnavailableExceptionResolver resolver = new DatabaseUnavailableExceptionResolver();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void aConnectionEndedByTheServerUnderTheRequestAnswers503() throws SQLException {
		try (Connection victim = server.connect()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(victim, true));
			int pid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
			try (Connection admin = server.connect();
					PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
				terminate.setInt(1, pid);
				terminate.execute();
			}
			DataAccessException failure = catchThrowableOfType(DataAccessException.class,
					() -> jdbc.queryForObject("SELECT 1", Integer.class));
			assertThat(resolve(failure)).isTrue();
			assertThat(this.response.getStatus()).isEqualTo(503);
			assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
			assertThat(this.response.getErrorMessage()).startsWith("the database connection failed under the request");
		}
	}

	@Test
	void aServerThatIsNotThereAnswers503() {
		DriverManagerDataSource nowhere = new DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/postgres?connectTimeout=2", "postgres", "");
		DataAccessException failure = catchThrowableOfType(DataAccessException.class,
				() -> new JdbcTemplate(nowhere).queryForObject("SELECT 1", Integer.class));
		assertThat(resolve(failure)).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getErrorMessage()).contains("SQL state 08001");
	}

	@Test
	void aServerWithNoRoomForTheConnectionAnswers503() throws SQLException {
		String role = "resolver_full_" + UUID.randomUUID().toString().substring(0, 8);
		execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
		try {
			DriverManagerDataSource asRole = new DriverManagerDataSource(server.jdbcUrl(), role, "");
			try (Connection onlyOne = asRole.getConnection()) {
				DataAccessException failure = catchThrowableOfType(DataAccessException.class,
						() -> new JdbcTemplate(asRole).queryForObject("SELECT 1", Integer.class));
				assertThat(resolve(failure)).isTrue();
				assertThat(this.response.getStatus()).isEqualTo(503);
				assertThat(this.response.getErrorMessage()).contains("SQL state 53300");
			}
		}
		finally {
			execute("DROP ROLE " + role);
		}
	}

	@Test
	void aStatementsOwnErrorsAreLeftToTheApplication() {
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource(server.jdbcUrl(), server.username(), server.password()));
		DataAccessException syntax = catchThrowableOfType(DataAccessException.class,
				() -> jdbc.queryForObject("SELEC 1", Integer.class));
		assertThat(resolve(syntax)).isFalse();
		DataAccessException cancelled = catchThrowableOfType(DataAccessException.class,
				() -> jdbc.execute("SET statement_timeout = '10ms'; SELECT pg_sleep(1)"));
		assertThat(resolve(cancelled)).as("a statement timeout (57014)").isFalse();
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	private boolean resolve(Exception ex) {
		return this.resolver.resolveException(new MockHttpServletRequest("GET", "/api/listings/1"), this.response,
				null, ex) != null;
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
