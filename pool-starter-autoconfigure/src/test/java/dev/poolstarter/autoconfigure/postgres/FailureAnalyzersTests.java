package dev.poolstarter.autoconfigure.postgres;

import java.util.List;
import java.util.stream.Stream;

import dev.poolstarter.test.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;
import dev.poolstarter.autoconfigure.redis.RedisPoolAutoConfiguration;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdmin;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;
import dev.poolstarter.postgres.pgbouncer.PgBouncerPreparedStatementsException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's failure analyzers from bad input that needs no server: a context
 * starts with the bad property, and Spring Boot's failure analysis of its start-up failure
 * names the key and the bad value, and the fix. Failures that need a server to refuse are
 * in {@code FailureAnalyzersIntegrationTests}.
 */
class FailureAnalyzersTests {

	private static final List<String> ANALYZERS = List.of(
			"dev.poolstarter.postgres.DatabaseUnreachableFailureAnalyzer",
			"dev.poolstarter.postgres.server.FleetBudgetExceededFailureAnalyzer",
			"dev.poolstarter.postgres.settings.InvalidDatabaseUrlFailureAnalyzer",
			"dev.poolstarter.postgres.pgbouncer.PgBouncerPreparedStatementsFailureAnalyzer",
			"dev.poolstarter.postgres.PostgresSettingsFailureAnalyzer",
			"dev.poolstarter.settings.SettingsFailureAnalyzer",
			"dev.poolstarter.settings.UnknownSelectionFailureAnalyzer");

	private final int closedPort = FreePort.closed();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("pool.postgres.url=jdbc:postgresql://127.0.0.1:" + this.closedPort + "/app",
				"pool.postgres.fail-fast=true");

	@Test
	void explainsMalformedUrlParameterWithoutThePassword() {
		FailureAnalysis analysis = analyze("pool.postgres.url=",
				"DATABASE_URL=postgresql://app:hunter2@db:5432/app?connection_limit=ten");
		assertThat(analysis.getDescription()).startsWith("The database URL from DATABASE_URL cannot be used")
			.contains("postgresql://app:****@db:5432/app?connection_limit=ten")
			.contains("parameter connection_limit='ten' is not a whole number")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("connection_limit=10");
	}

	@Test
	void explainsSecondPortWithTheHostAndPortToUse() {
		FailureAnalysis analysis = analyze("pool.postgres.url=postgresql://user:pw@127.0.0.1:5432:5432/db");
		assertThat(analysis.getDescription()).startsWith("The database URL from pool.postgres.url cannot be used")
			.contains("postgresql://user:****@127.0.0.1:5432:5432/db")
			.contains("the host and port '127.0.0.1:5432:5432' hold more than one ':'")
			.doesNotContain(":pw@");
		assertThat(analysis.getAction()).startsWith("Give each host one port, as in 127.0.0.1:5432");
	}

	@Test
	void explainsMissingUrlNamingTheThreeSources() {
		FailureAnalysis analysis = analyze("pool.postgres.url=");
		assertThat(analysis.getDescription()).contains("pool.postgres.url")
			.contains("no database URL is set: not pool.postgres.url, the DATABASE_URL environment variable, nor "
					+ "spring.datasource.url");
		assertThat(analysis.getAction()).contains("pool.postgres.url=postgresql://user:password@localhost:5432/app");
	}

	@Test
	void explainsAdminUrlThatIsNotTheAdminConsole() {
		FailureAnalysis analysis = analyze("pool.postgres.pgbouncer-admin-url=postgresql://stats:hunter2@pgb:6432/app");
		assertThat(analysis.getDescription()).contains("pool.postgres.pgbouncer-admin-url")
			.contains("the database 'app'")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("/pgbouncer");
	}

	@Test
	void explainsUnknownProfileListingTheValidOnes() {
		FailureAnalysis analysis = analyze("pool.profile=qa");
		assertThat(analysis.getDescription()).isEqualTo("The pool profile 'qa' set by pool.profile does not exist.");
		assertThat(analysis.getAction())
			.isEqualTo("Set pool.profile to one of: dev, staging, prod, prod-high-traffic, serverless.");
	}

	@Test
	void explainsUnknownServiceListingTheKnownOnesAndTheEntryToAdd() {
		FailureAnalysis analysis = analyze("pool.service=billing", "pool.services.orders.postgres.max-connections=4");
		assertThat(analysis.getDescription())
			.isEqualTo("The pool service 'billing' set by pool.service does not exist.");
		assertThat(analysis.getAction())
			.isEqualTo("Set pool.service to one of: orders, or add an entry pool.services.billing.postgres.*.");
	}

	@Test
	void explainsImpossibleSettingsWithTheirOriginsAndTheValueToUse() {
		FailureAnalysis analysis = analyze("spring.application.name=orders",
				"pool.services.orders.postgres.max-connections=5", "pool.postgres.min-idle=8");
		assertThat(analysis.getDescription()).isEqualTo("The PostgreSQL pool 'primary' cannot start: "
				+ "min-idle=8 (from pool.postgres.min-idle) is above the maximum pool size 5 "
				+ "(pool.services.orders.postgres.max-connections)");
		assertThat(analysis.getAction())
			.isEqualTo("Set pool.postgres.min-idle to at most 5, or raise pool.postgres.max-connections.");
	}

	@Test
	void explainsTimeoutBelowItsFloorWithTheValueToUse() {
		FailureAnalysis analysis = analyze("pool.postgres.connect-timeout=500ms");
		assertThat(analysis.getDescription())
			.contains("connect-timeout=500ms (from pool.postgres.connect-timeout) is below 1s");
		assertThat(analysis.getAction()).isEqualTo(
				"Set pool.postgres.connect-timeout to at least 1s; the profiles' value is 5s.");
	}

	@Test
	void explainsUnreachableDatabaseWithFailFast() {
		FailureAnalysis analysis = analyze();
		assertThat(analysis.getDescription())
			.startsWith("The PostgreSQL pool 'primary' could not connect to jdbc:postgresql://127.0.0.1:"
					+ this.closedPort + "/app after 1 attempt(s)")
			.contains("Connection to 127.0.0.1:" + this.closedPort + " refused");
		assertThat(analysis.getAction()).startsWith("Start PostgreSQL or correct the host and port of the URL")
			.contains("raise pool.postgres.startup-timeout and set pool.postgres.fail-fast=false");
	}

	@Test
	void explainsUnusableRedisUrlWithoutThePassword() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withPropertyValues("pool.redis.url=redis-socket://:hunter2@cache:6379"));
		assertThat(analysis.getDescription()).startsWith("The Redis client cannot start: the URL '")
			.contains("from pool.redis.url")
			.contains("redis-socket")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("redis://");
	}

	@Test
	void explainsPreparedStatementsAgainstPgBouncerWithoutMaxPreparedStatements() {
		// PgBouncer 1.21+ with max_prepared_statements = 0: no test server runs that version,
		// so the admin console's answer is built here
		PgBouncerAdmin pgbouncer = new PgBouncerAdmin(
				PgBouncerAdminProbe.address("postgresql://stats@pgbouncer:6432/pgbouncer"), "1.22.1", 0, "transaction",
				null);
		FailureAnalysis analysis = analyzer("PgBouncerPreparedStatementsFailureAnalyzer")
			.analyze(new BeanCreationException("postgresPoolPlan", "Failed to instantiate",
					new PgBouncerPreparedStatementsException("primary", pgbouncer,
							"pool.postgres.pgbouncer-prepared-statements")));
		assertThat(analysis.getDescription())
			.contains("PgBouncer 1.22.1 at jdbc:postgresql://pgbouncer:6432/pgbouncer has max_prepared_statements = 0, "
					+ "which turns them off");
		assertThat(analysis.getAction()).startsWith("Set max_prepared_statements = 200 in pgbouncer.ini")
			.contains("pool.postgres.pgbouncer-prepared-statements=false");
	}

	@Test
	void everyAnalyzerIsRegisteredForSpringBoot() {
		assertThat(analyzers().map((analyzer) -> analyzer.getClass().getName()))
			.containsExactlyInAnyOrderElementsOf(ANALYZERS);
	}

	@ParameterizedTest
	@MethodSource("analyzers")
	void ignoresUnrelatedFailures(FailureAnalyzer analyzer) {
		assertThat(analyzer.analyze(new BeanCreationException("dataSource", "Failed to instantiate",
				new IllegalStateException("something else"))))
			.isNull();
	}

	private FailureAnalysis analyze(String... properties) {
		return StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(properties));
	}

	static Stream<FailureAnalyzer> analyzers() {
		return SpringFactoriesLoader.forDefaultResourceLocation(FailureAnalyzersTests.class.getClassLoader())
			.load(FailureAnalyzer.class, null, (type, name, failure) -> {
				// Spring Boot's own analyzers need constructor arguments; only ours matter here
			})
			.stream()
			.filter((analyzer) -> analyzer.getClass().getName().startsWith("dev.poolstarter"));
	}

	private static FailureAnalyzer analyzer(String simpleName) {
		return analyzers().filter((analyzer) -> analyzer.getClass().getSimpleName().equals(simpleName))
			.findFirst()
			.orElseThrow();
	}

}
