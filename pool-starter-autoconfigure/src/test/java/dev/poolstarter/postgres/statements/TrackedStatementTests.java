package dev.poolstarter.postgres.statements;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackedStatement}.
 */
class TrackedStatementTests {

	@Test
	void hidesThePasswordOfARoleStatementAsTheExtensionKeepsIt() {
		assertThat(TrackedStatement.mask("alter role bob password 'hunter2'"))
			.isEqualTo("alter role bob password '******'");
		assertThat(TrackedStatement.mask("CREATE ROLE app LOGIN ENCRYPTED PASSWORD E'hun''ter2' VALID UNTIL '2030-01-01'"))
			.isEqualTo("CREATE ROLE app LOGIN ENCRYPTED PASSWORD '******' VALID UNTIL '******'");
		assertThat(TrackedStatement.mask("ALTER USER app WITH PASSWORD $pw$hunter2$pw$"))
			.isEqualTo("ALTER USER app WITH PASSWORD '******'");
	}

	@Test
	void hidesPasswordsInConnectionStringsAndServerOptions() {
		assertThat(TrackedStatement.mask("CREATE SUBSCRIPTION s CONNECTION 'host=db password=hunter2' PUBLICATION p"))
			.isEqualTo("CREATE SUBSCRIPTION s CONNECTION '******' PUBLICATION p");
		assertThat(TrackedStatement.mask("CREATE USER MAPPING FOR app SERVER db OPTIONS (user 'app', password 'hunter2')"))
			.isEqualTo("CREATE USER MAPPING FOR app SERVER db OPTIONS (user '******', password '******')");
	}

	@Test
	void hidesAPasswordCutOffByTheTruncation() {
		assertThat(TrackedStatement.mask("ALTER ROLE app PASSWORD 'hunter")).isEqualTo("ALTER ROLE app PASSWORD '******'");
	}

	@Test
	void keepsNormalizedQueriesAsTheExtensionGivesThem() {
		String query = "SELECT id, password FROM users WHERE name = $1 AND password = crypt($2, password)";
		assertThat(TrackedStatement.mask(query)).isEqualTo(query);
		assertThat(TrackedStatement.mask("SELECT 'x' FROM t")).isEqualTo("SELECT 'x' FROM t");
	}

	@Test
	void truncatesLongTextsAndSaysSo() {
		TrackedStatement statement = TrackedStatement.of("SELECT " + "a, ".repeat(300) + "b FROM t", 1, 1, 1, 1, 1);
		assertThat(statement.query()).hasSize(TrackedStatement.MAX_LENGTH + 3).endsWith("...");
		assertThat(statement.describe(20).get("query")).isEqualTo("SELECT a, a, a, a, a...");
	}

	@Test
	void describesTimesInMillisecondsRounded() {
		TrackedStatement statement = TrackedStatement.of("SELECT pg_sleep($1)", 3, 2450.3333, 7350.9999, 2600.004, 3);
		assertThat(statement.describe(100)).containsEntry("calls", 3L)
			.containsEntry("meanMillis", 2450.33)
			.containsEntry("totalMillis", 7351.0)
			.containsEntry("maxMillis", 2600.0)
			.containsEntry("rows", 3L);
	}

}
