package dev.poolstarter.postgres.settings;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DatabaseUrl}.
 */
class DatabaseUrlTests {

	private static final String SEED_URL = "postgresql://app:s3cr%40t@db.internal:6543/orders?connection_limit=20"
			+ "&pool_timeout=10&connect_timeout=60&schema=public&sslmode=prefer";

	@Test
	void mapsPrismaParametersOntoPoolSettings() {
		DatabaseUrl url = DatabaseUrl.parse(SEED_URL + "&socket_timeout=45&application_name=orders-api"
				+ "&pgbouncer=true&statement_cache_size=0", "DATABASE_URL");
		PostgresSettings settings = url.settings();
		assertThat(settings.getMaxConnections()).isEqualTo(PoolSize.of(20));
		assertThat(settings.getPoolTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.getSocketTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(settings.getSchema()).isEqualTo("public");
		assertThat(settings.getSslMode()).isEqualTo(SslMode.PREFER);
		assertThat(settings.getApplicationName()).isEqualTo("orders-api");
		assertThat(settings.getPgbouncer()).isEqualTo(PgBouncerMode.TRANSACTION);
		assertThat(settings.getStatementCacheSize()).isZero();
	}

	@Test
	void keepsCredentialsOutOfTheJdbcUrl() {
		DatabaseUrl url = DatabaseUrl.parse(SEED_URL, "DATABASE_URL");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/orders");
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("s3cr@t");
	}

	@Test
	void namesTheUrlParameterAsOrigin() {
		DatabaseUrl url = DatabaseUrl.parse(SEED_URL, "DATABASE_URL");
		assertThat(url.layer().origin().apply(PostgresSetting.MAX_CONNECTIONS))
			.isEqualTo("DATABASE_URL connection_limit");
	}

	@Test
	void acceptsPostgresSchemeAndPlusInPassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://u:a+b@localhost/app", "DATABASE_URL");
		assertThat(url.password()).isEqualTo("a+b");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
	}

	@Test
	void acceptsSeveralHostsAndIpv6() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h1:5432,[::1]:5433/app", "DATABASE_URL");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,[::1]:5433/app");
		assertThat(url.password()).isNull();
	}

	@Test
	void takesCredentialsAndPoolParametersOutOfJdbcUrlAndKeepsTheRest() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/app?user=u&password=p"
				+ "&prepareThreshold=3&connection_limit=7&ApplicationName=x&options=-c%20search_path%3Dapp",
				"spring.datasource.url");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app?prepareThreshold=3");
		assertThat(url.username()).isEqualTo("u");
		assertThat(url.password()).isEqualTo("p");
		assertThat(url.options()).isEqualTo("-c search_path=app");
		assertThat(url.settings().getMaxConnections()).isEqualTo(PoolSize.of(7));
		assertThat(url.layer().origin().apply(PostgresSetting.APPLICATION_NAME))
			.isEqualTo("spring.datasource.url ApplicationName");
	}

	@Test
	void rejectsUnknownParameterAndListsTheKnownOnes() {
		assertThatExceptionOfType(InvalidDatabaseUrlException.class)
			.isThrownBy(() -> DatabaseUrl.parse(SEED_URL + "&conection_limit=5", "DATABASE_URL"))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).contains("unknown parameter 'conection_limit'");
				assertThat(ex.getAction()).contains("connection_limit, pool_timeout, connect_timeout");
				assertThat(ex.getMaskedUrl()).doesNotContain("s3cr").contains("****");
				assertThat(ex.getMessage()).doesNotContain("s3cr");
			});
	}

	@Test
	void rejectsMalformedUrlsWithoutShowingThePassword() {
		assertInvalid("postgresql://u:hunter2@/app", "no host");
		assertInvalid("postgresql://u:hunter2@db:54x2/app", "port '54x2'");
		assertInvalid("postgresql://u:hunter2@db:5432", "no database");
		assertInvalid("postgresql://u:hunter2@db:5432/app?connection_limit=many", "not a whole number");
		assertInvalid("postgresql://u:hunter2@db:5432/app?sslmode=sometimes", "not an SSL mode");
		assertInvalid("mysql://u:hunter2@db:3306/app", "neither postgresql://");
		assertInvalid("jdbc:mysql://db:3306/app?password=hunter2", "not a PostgreSQL URL");
		assertInvalid("postgresql://u:hun%zzter2@db:5432/app", "invalid %-escape");
	}

	@Test
	void rejectsSecondPortWithTheHostAndPortToUseAndWithoutThePassword() {
		assertThatExceptionOfType(InvalidDatabaseUrlException.class)
			.isThrownBy(() -> DatabaseUrl.parse("postgresql://user:pw@127.0.0.1:5432:5432/db", "DATABASE_URL"))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo("the host and port '127.0.0.1:5432:5432' hold more than one ':'");
				assertThat(ex.getAction()).startsWith("Give each host one port, as in 127.0.0.1:5432,");
				assertThat(ex.getMaskedUrl()).isEqualTo("postgresql://user:****@127.0.0.1:5432:5432/db");
				assertThat(ex.getMessage()).doesNotContain("pw@");
			});
	}

	@Test
	void rejectsMalformedHostsAndPorts() {
		assertInvalid("postgresql://u:hunter2@db::5432/app", "'db::5432' hold more than one ':'");
		assertInvalid("postgresql://u:hunter2@::1/app", "'::1' hold more than one ':'");
		assertInvalid("postgresql://u:hunter2@[::1/app", "'[::1' has no closing ']'");
		assertInvalid("postgresql://u:hunter2@db:/app", "port '' in 'db:'");
		assertInvalid("postgresql://u:hunter2@db:0/app", "port '0'");
		assertInvalid("postgresql://u:hunter2@db:65536/app", "port '65536'");
		assertInvalid("postgresql://u:hunter2@db:+5432/app", "port '+5432'");
		assertInvalid("postgresql://u:hunter2@h1:5432,/app", "empty host name");
		assertInvalid("postgresql://u:hunter2@h1:5432,h2:5432:5433/app", "'h2:5432:5433' hold more than one ':'");
		assertInvalid("jdbc:postgresql://db:5432:5432/app?password=hunter2", "'db:5432:5432' hold more than one ':'");
		assertInvalid("jdbc:postgresql://[::1]:/app?password=hunter2", "port '' in '[::1]:'");
	}

	@Test
	void acceptsTheLowestAndHighestPortsAndBracketedIpv6WithoutPort() {
		assertThat(DatabaseUrl.parse("postgresql://u@db:1/app", "x").jdbcUrl()).isEqualTo("jdbc:postgresql://db:1/app");
		assertThat(DatabaseUrl.parse("postgresql://u@db:65535/app", "x").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db:65535/app");
		assertThat(DatabaseUrl.parse("postgresql://u@[::1]/app", "x").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]/app");
		assertThat(DatabaseUrl.parse("jdbc:postgresql://[::1]:5432/app", "x").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/app");
	}

	@Test
	void jdbcSslTrueKeepsPgjdbcsMeaningOfVerifyFull() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/app?ssl=true", "spring.datasource.url");
		assertThat(url.settings().getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app");
		DatabaseUrl explicitMode = DatabaseUrl.parse("jdbc:postgresql://db/app?ssl=true&sslmode=require", "x");
		assertThat(explicitMode.settings().getSslMode()).isEqualTo(SslMode.REQUIRE);
	}

	@Test
	void sslPasswordIsTakenOutOfTheShownUrl() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/app?sslpassword=hunter2&sslmode=verify-full", "x");
		assertThat(url.displayUrl()).doesNotContain("hunter2");
		assertThat(url.secretParameters()).containsEntry("sslPassword", "hunter2");
	}

	@Test
	void rejectsMalformedJdbcUrls() {
		assertInvalid("jdbc:postgresql://db:abc/app", "port 'abc'");
		assertInvalid("jdbc:postgresql://db/app?socketTimout=5&password=hunter2", "unknown parameter 'socketTimout'");
	}

	@Test
	void masksPasswordsInUserInfoAndParameters() {
		assertThat(DatabaseUrl.mask("postgresql://u:p@ss@h/db")).isEqualTo("postgresql://u:****@h/db");
		assertThat(DatabaseUrl.mask("jdbc:postgresql://h/db?user=u&password=p&x=1"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&password=****&x=1");
		assertThat(DatabaseUrl.mask("postgresql://h/db")).isEqualTo("postgresql://h/db");
	}

	private static void assertInvalid(String url, String reason) {
		assertThatExceptionOfType(InvalidDatabaseUrlException.class)
			.isThrownBy(() -> DatabaseUrl.parse(url, "DATABASE_URL"))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).contains(reason);
				assertThat(ex.getMessage()).doesNotContain("hunter2");
			});
	}

}
