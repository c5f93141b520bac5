package dev.poolstarter.postgres.settings;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ResolvedSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PgjdbcOptions}.
 */
class PgjdbcPropertiesTests {

	private final PostgresConnection connection = new PostgresConnection(
			DatabaseUrl.parse("jdbc:postgresql://db:5432/app?options=-c%20search_path%3Dapp", "pool.postgres.url"),
			"app", "pool.postgres.username", "secret");

	@Test
	void serverTimeoutsBecomeStartupOptionsInMilliseconds() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setLockTimeout(Duration.ofMillis(2500));
		Properties properties = PgjdbcOptions.of(this.connection, resolve(explicit));
		assertThat(properties.getProperty("options")).isEqualTo("-c search_path=app -c statement_timeout=30000 "
				+ "-c idle_in_transaction_session_timeout=60000 -c lock_timeout=2500");
	}

	@Test
	void driverTimeoutsAreRoundedUpToWholeSeconds() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setConnectTimeout(Duration.ofMillis(1500));
		explicit.setSocketTimeout(Duration.ofMillis(45_001));
		Properties properties = PgjdbcOptions.of(this.connection, resolve(explicit));
		assertThat(properties.getProperty("connectTimeout")).isEqualTo("2");
		assertThat(properties.getProperty("socketTimeout")).isEqualTo("46");
	}

	@Test
	void credentialsAreDataSourcePropertiesNotPartOfTheUrl() {
		Properties properties = PgjdbcOptions.of(this.connection, resolve(new PostgresSettings()));
		assertThat(properties.getProperty("url")).isEqualTo("jdbc:postgresql://db:5432/app");
		assertThat(properties.getProperty("user")).isEqualTo("app");
		assertThat(properties.getProperty("password")).isEqualTo("secret");
		assertThat(properties.getProperty("tcpKeepAlive")).isEqualTo("true");
		assertThat(properties.getProperty("prepareThreshold")).isNull();
	}

	@Test
	void libraryDefaultsAreLeftToPgjdbc() {
		Properties properties = PgjdbcOptions.of(this.connection, resolve(new PostgresSettings()));
		assertThat(properties).doesNotContainKeys("sslMode", "preparedStatementCacheQueries");
	}

	@Test
	void tcpKeepAliveInTheUrlIsKept() {
		PostgresConnection withKeepAlive = new PostgresConnection(
				DatabaseUrl.parse("jdbc:postgresql://db/app?tcpKeepAlive=false", "x"), "app", "x", null);
		assertThat(PgjdbcOptions.of(withKeepAlive, resolve(new PostgresSettings())))
			.doesNotContainKey("tcpKeepAlive");
	}

	@Test
	void transactionPoolingTurnsOffServerPreparedStatementsAndStartupOptions() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setPgbouncer(PgBouncerMode.TRANSACTION);
		explicit.setSslMode(SslMode.VERIFY_FULL);
		Properties properties = PgjdbcOptions.of(this.connection, resolve(explicit));
		assertThat(properties.getProperty("prepareThreshold")).isEqualTo("0");
		assertThat(properties.getProperty("options")).isEqualTo("-c search_path=app");
		assertThat(properties.getProperty("sslMode")).isEqualTo("verify-full");
	}

	@Test
	void transactionPoolingKeepsServerPreparedStatementsWhenPgBouncerTracksThem() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setPgbouncer(PgBouncerMode.TRANSACTION);
		explicit.setPgbouncerPreparedStatements(true);
		Properties properties = PgjdbcOptions.of(this.connection, resolve(explicit));
		assertThat(properties.getProperty("prepareThreshold")).isNull();
		assertThat(properties.getProperty("options")).isEqualTo("-c search_path=app");
	}

	@Test
	void sessionPoolingSetsTheServerTimeoutsAfterConnectingInsteadOfAsStartupOptions() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setPgbouncer(PgBouncerMode.SESSION);
		explicit.setLockTimeout(Duration.ofMillis(2500));
		ResolvedSettings<PostgresSettings> settings = resolve(explicit);
		Properties properties = PgjdbcOptions.of(this.connection, settings);
		assertThat(properties.getProperty("options")).isEqualTo("-c search_path=app");
		assertThat(properties.getProperty("prepareThreshold")).isNull();
		assertThat(PgjdbcOptions.sessionSettingsSql(settings)).isEqualTo("SET statement_timeout = 30000; "
				+ "SET idle_in_transaction_session_timeout = 60000; SET lock_timeout = 2500");
	}

	@Test
	void onlySessionPoolingSetsTimeoutsAfterConnecting() {
		PostgresSettings explicit = new PostgresSettings();
		explicit.setPgbouncer(PgBouncerMode.TRANSACTION);
		assertThat(PgjdbcOptions.sessionSettingsSql(resolve(explicit))).isNull();
		assertThat(PgjdbcOptions.sessionSettingsSql(resolve(new PostgresSettings()))).isNull();
	}

	private static ResolvedSettings<PostgresSettings> resolve(PostgresSettings explicit) {
		return ResolvedSettings.resolve(PostgresSetting.ALL, List.of(Layer.properties("pool.postgres", explicit),
				Layer.named("profile prod", PostgresProfiles.table(BuiltInProfile.PROD)),
				PostgresProfiles.libraryDefaults()));
	}

}
