package dev.poolstarter.postgres.pgbouncer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PgBouncerMode;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ResolvedSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RoleTimeoutsCheck}.
 */
class RoleTimeoutsCheckTests {

	@Test
	void saysNothingWhenTheRoleHasThePoolsTimeouts() {
		ServerFacts server = server(Map.of("statement_timeout", Duration.ofSeconds(30),
				"idle_in_transaction_session_timeout", Duration.ofMinutes(1), "lock_timeout", Duration.ZERO));
		assertThat(RoleTimeoutsCheck.check(settings(new PostgresSettings()), server)).isNull();
		assertThat(RoleTimeoutsCheck.applied(PostgresSetting.STATEMENT_TIMEOUT, settings(new PostgresSettings()),
				server)).isTrue();
	}

	@Test
	void printsTheAlterRoleStatementOfEachTimeoutTheServerLacks() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setStatementTimeout(Duration.ofMillis(1500));
		ServerFacts server = server(Map.of("statement_timeout", Duration.ZERO, "idle_in_transaction_session_timeout",
				Duration.ofMinutes(1), "lock_timeout", Duration.ZERO));
		String warning = RoleTimeoutsCheck.check(settings(explicit), server);
		assertThat(warning).startsWith("pgbouncer=transaction: PgBouncer drops start-up options")
			.contains("role \"app\" in database \"orders\"")
			.contains("statement_timeout is 0 (off), statement-timeout wants 1500ms (pool.postgres.statement-timeout)")
			.contains("RECONNECT")
			.endsWith("\n    ALTER ROLE \"app\" IN DATABASE \"orders\" SET statement_timeout = '1500ms';")
			.doesNotContain("idle_in_transaction_session_timeout =");
	}

	@Test
	void writesValuesPostgresqlReadsExactly() {
		assertThat(RoleTimeoutsCheck.literal(Duration.ofMinutes(1))).isEqualTo("60s");
		assertThat(RoleTimeoutsCheck.literal(Duration.ofMillis(250))).isEqualTo("250ms");
		assertThat(RoleTimeoutsCheck.literal(Duration.ZERO)).isEqualTo("0");
		assertThat(RoleTimeoutsCheck.identifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
	}

	private static ServerFacts server(Map<String, Duration> timeouts) {
		return new ServerFacts(100, 3, Duration.ZERO, "15.20", "app", "orders", timeouts);
	}

	private static ResolvedSettings<PostgresSettings> settings(PostgresSettings explicit) {
		explicit.setPgbouncer(PgBouncerMode.TRANSACTION);
		return ResolvedSettings.resolve(PostgresSetting.ALL,
				List.of(Layer.properties("pool.postgres", explicit),
						Layer.named("profile prod", PostgresProfiles.table(BuiltInProfile.PROD)),
						PostgresProfiles.libraryDefaults()));
	}

}
