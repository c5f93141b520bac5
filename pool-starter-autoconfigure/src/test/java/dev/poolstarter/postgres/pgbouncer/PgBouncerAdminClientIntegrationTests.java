package dev.poolstarter.postgres.pgbouncer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.poolstarter.test.TestPgBouncer;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests of {@link PgBouncerAdminClient} against a real PgBouncer, with each
 * authentication method PgBouncer offers its admin console.
 */
class PgBouncerAdminClientIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@ParameterizedTest
	@ValueSource(strings = { "trust", "plain", "md5", "scram-sha-256" })
	void logsInAndReadsPoolsAndStats(String authType) throws Exception {
		try (TestPgBouncer pgbouncer = TestPgBouncer.builder(TestPostgres.get()).authType(authType).start();
				PgBouncerAdminClient client = PgBouncerAdminClient.connect(address(pgbouncer, TestPgBouncer.ADMIN_PASSWORD),
						"admin-client-it", TIMEOUT)) {
			List<Map<String, String>> version = client.query("SHOW VERSION");
			assertThat(version).singleElement()
				.satisfies((row) -> assertThat(row.values()).anyMatch((value) -> value.contains(pgbouncer.version())));
			assertThat(client.query("SHOW POOLS")).isNotEmpty()
				.allSatisfy((row) -> assertThat(row).containsKeys("database", "user", "cl_active", "cl_waiting",
						"sv_active", "sv_idle", "maxwait"));
			assertThat(client.query("SHOW STATS")).isNotEmpty()
				.allSatisfy((row) -> assertThat(row).containsKeys("database", "total_xact_count", "total_query_count"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "md5", "scram-sha-256" })
	void refusesAWrongPassword(String authType) {
		try (TestPgBouncer pgbouncer = TestPgBouncer.builder(TestPostgres.get()).authType(authType).start()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> PgBouncerAdminClient.connect(address(pgbouncer, "wrong"), "admin-client-it", TIMEOUT))
				.withMessageContaining("authentication failed");
		}
	}

	@Test
	void reportsAnErrorAndStaysUsable() throws Exception {
		try (TestPgBouncer pgbouncer = TestPgBouncer.builder(TestPostgres.get()).start();
				PgBouncerAdminClient client = PgBouncerAdminClient.connect(address(pgbouncer, null), "admin-client-it",
						TIMEOUT)) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> client.query("SHOW NOSUCHTHING"))
				.withMessageStartingWith("PgBouncer: ");
			assertThat(client.query("SHOW VERSION")).hasSize(1);
		}
	}

	private static PgBouncerAddress address(TestPgBouncer pgbouncer, String password) {
		return new PgBouncerAddress(pgbouncer.host(), pgbouncer.port(), TestPgBouncer.ADMIN_USER, password,
				pgbouncer.adminUrl());
	}

}
