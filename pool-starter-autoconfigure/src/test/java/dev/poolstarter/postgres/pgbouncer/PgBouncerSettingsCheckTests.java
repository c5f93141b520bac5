package dev.poolstarter.postgres.pgbouncer;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.settings.PgBouncerMode;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ResolvedSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PgBouncerSettingsCheck}.
 */
class PgBouncerChecksTests {

	private static final PgBouncerAddress ADDRESS = new PgBouncerAddress("pgbouncer", 6432, "stats", "secret",
			"jdbc:postgresql://pgbouncer:6432/pgbouncer");

	private final List<String> warnings = new ArrayList<>();

	@Test
	void preparedStatementsPassWithPgBouncerThatTracksThem() {
		PgBouncerSettingsCheck.check("primary", settings(PgBouncerMode.TRANSACTION, true),
				new PgBouncerAdmin(ADDRESS, "1.21.0", 100, "transaction", null), this.warnings);
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void preparedStatementsStopStartUpWithPgBouncerThatCannotKeepThem() {
		assertThatExceptionOfType(PgBouncerPreparedStatementsException.class)
			.isThrownBy(() -> PgBouncerSettingsCheck.check("primary", settings(PgBouncerMode.TRANSACTION, true),
					new PgBouncerAdmin(ADDRESS, "1.24.1", 0, "transaction", null), this.warnings))
			.withMessageContaining("max_prepared_statements 0");
	}

	@Test
	void preparedStatementsWithoutAdminUrlAreAWarning() {
		PgBouncerSettingsCheck.check("primary", settings(PgBouncerMode.TRANSACTION, true), null, this.warnings);
		assertThat(this.warnings).singleElement()
			.asString()
			.contains("is not checked against PgBouncer")
			.contains("pool.postgres.pgbouncer-admin-url");
	}

	@Test
	void preparedStatementsAreAWarningWhenTheAdminConsoleDoesNotAnswer() {
		PgBouncerSettingsCheck.check("primary", settings(PgBouncerMode.TRANSACTION, true),
				new PgBouncerAdmin(ADDRESS, null, null, null, "Connection refused"), this.warnings);
		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("PgBouncer's admin console at jdbc:postgresql://pgbouncer:6432/pgbouncer did not answer: "
					+ "Connection refused");
	}

	@Test
	void warnsWhenPgBouncerPoolsPerTransactionAndThePoolDoesNotKnow() {
		PgBouncerSettingsCheck.check("primary", settings(null, null),
				new PgBouncerAdmin(ADDRESS, "1.18.0", null, "transaction", null), this.warnings);
		assertThat(this.warnings).singleElement()
			.asString()
			.contains("pools this database in transaction mode, but pool.postgres.pgbouncer is off (from default)")
			.contains("set pool.postgres.pgbouncer=transaction");
	}

	@Test
	void warnsWhenTransactionModeIsSetForASessionPgBouncer() {
		PgBouncerSettingsCheck.check("primary", settings(PgBouncerMode.TRANSACTION, null),
				new PgBouncerAdmin(ADDRESS, "1.18.0", null, "session", null), this.warnings);
		assertThat(this.warnings).singleElement().asString().contains("set pool.postgres.pgbouncer=session");
	}

	private static ResolvedSettings<PostgresSettings> settings(PgBouncerMode mode, Boolean prepared) {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setPgbouncer(mode);
		explicit.setPgbouncerPreparedStatements(prepared);
		return ResolvedSettings.resolve(PostgresSetting.ALL,
				List.of(Layer.properties("pool.postgres", explicit),
						Layer.named("profile prod", PostgresProfiles.table(BuiltInProfile.PROD)),
						PostgresProfiles.libraryDefaults()));
	}

}
