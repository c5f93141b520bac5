package dev.poolstarter.autoconfigure.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.profile.UnknownPoolNameException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's failure analyzers, found the way Spring Boot finds them.
 */
class FailureAnalyzersTests {

	@Test
	void explainsMalformedUrlWithoutThePassword() {
		Exception failure = wrapped(catchThrowable(() -> DatabaseUrl
			.parse("postgresql://app:hunter2@db:5432/app?connection_limit=ten", "DATABASE_URL")));
		FailureAnalysis analysis = analyze(failure);
		assertThat(analysis.getDescription()).contains("DATABASE_URL")
			.contains("connection_limit='ten' is not a whole number")
			.contains("postgresql://app:****@db:5432/app")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("connection_limit=10");
	}

	@Test
	void explainsUnknownProfile() {
		FailureAnalysis analysis = analyze(wrapped(new UnknownPoolNameException("pool.profile", "qa", "profile",
				List.of("dev", "staging", "prod", "prod-high-traffic", "serverless"))));
		assertThat(analysis.getDescription()).contains("profile 'qa'").contains("pool.profile");
		assertThat(analysis.getAction()).contains("dev, staging, prod, prod-high-traffic, serverless");
	}

	@Test
	void explainsImpossibleSettingsWithTheValueToUse() {
		FailureAnalysis analysis = analyze(wrapped(new PoolSettingsException("primary",
				"min-idle=8 (from pool.postgres.min-idle) is above the maximum pool size 5",
				"Set pool.postgres.min-idle to at most 5.")));
		assertThat(analysis.getDescription()).contains("pool 'primary'").contains("min-idle=8");
		assertThat(analysis.getAction()).contains("at most 5");
	}

	@Test
	void explainsFleetOverBudgetWithTheLargestSizeThatFits() {
		FleetBudget budget = new FleetBudget(100, 3, 0.8, 10);
		FailureAnalysis analysis = analyze(
				wrapped(new FleetBudgetExceededException(budget, 15, "profile prod", false)));
		assertThat(analysis.getDescription()).contains("10 instance(s) x 15 connections = 150 > 77")
			.contains("profile prod")
			.contains("too many clients");
		assertThat(analysis.getAction()).contains("pool.postgres.max-connections to at most 7")
			.contains("budget-check=warn");
	}

	@Test
	void explainsFleetWhereNotOneConnectionFits() {
		FleetBudget budget = new FleetBudget(20, 3, 0.8, 40);
		FailureAnalysis analysis = analyze(wrapped(new FleetBudgetExceededException(budget, 1, "profile prod", false)));
		assertThat(analysis.getAction()).contains("lower pool.instances to at most 13")
			.doesNotContain("lower pool.instances, lower pool.instances");
	}

	@Test
	void explainsPoolLockingMinimumOverBudget() {
		FleetBudget budget = new FleetBudget(100, 3, 0.8, 4);
		FailureAnalysis analysis = analyze(wrapped(new FleetBudgetExceededException(budget, 41,
				"the pool-locking minimum 41 for connections-per-task", true)));
		assertThat(analysis.getAction()).contains("need at least 41 connections per instance")
			.doesNotContain("max-connections to at most");
	}

	@Test
	void explainsUnreachableDatabase() {
		SQLException refused = new SQLException("Connection to 127.0.0.1:1 refused", "08001");
		FailureAnalysis analysis = analyze(wrapped(new DatabaseUnreachableException("primary",
				"jdbc:postgresql://127.0.0.1:1/app", 1, Duration.ofMillis(12), true, refused)));
		assertThat(analysis.getDescription()).contains("jdbc:postgresql://127.0.0.1:1/app")
			.contains("1 attempt(s)")
			.contains("refused");
		assertThat(analysis.getAction()).contains("Start PostgreSQL").contains("pool.postgres.fail-fast=false");
	}

	@Test
	void explainsWrongPassword() {
		SQLException denied = new SQLException("password authentication failed for user \"app\"", "28P01");
		FailureAnalysis analysis = analyze(wrapped(new DatabaseUnreachableException("primary",
				"jdbc:postgresql://db/app", 1, Duration.ofMillis(12), false, denied)));
		assertThat(analysis.getAction()).contains("user name and password");
	}

	@Test
	void explainsStartupParameterRefusedByPgBouncer() {
		SQLException refused = new SQLException("FATAL: unsupported startup parameter: options", "08P01");
		FailureAnalysis analysis = analyze(wrapped(new DatabaseUnreachableException("primary",
				"jdbc:postgresql://pgbouncer:6432/app", 1, Duration.ofMillis(12), false, refused)));
		assertThat(analysis.getDescription()).contains("unsupported startup parameter: options");
		assertThat(analysis.getAction()).contains("pool.postgres.pgbouncer=transaction")
			.contains("ignore_startup_parameters");
	}

	@Test
	void explainsPreparedStatementsAgainstPgBouncerBefore121() {
		PgBouncerAdmin pgbouncer = new PgBouncerAdmin(PgBouncerAdminProbe
			.address("postgresql://stats:hunter2@pgbouncer:6432/pgbouncer"), "1.18.0", null, "transaction", null);
		FailureAnalysis analysis = analyze(wrapped(new PgBouncerPreparedStatementsException("primary", pgbouncer,
				"pool.services.orders.postgres.pgbouncer-prepared-statements")));
		assertThat(analysis.getDescription()).contains("pool 'primary'")
			.contains("PgBouncer 1.18.0 at jdbc:postgresql://pgbouncer:6432/pgbouncer")
			.contains("from pool.services.orders.postgres.pgbouncer-prepared-statements")
			.contains("need PgBouncer 1.21 or newer")
			.contains("prepared statement \"S_1\" does not exist")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("pool.postgres.pgbouncer-prepared-statements=false")
			.contains("upgrade PgBouncer to 1.21");
	}

	@Test
	void explainsPreparedStatementsAgainstPgBouncerWithoutMaxPreparedStatements() {
		PgBouncerAdmin pgbouncer = new PgBouncerAdmin(PgBouncerAdminProbe
			.address("postgresql://stats@pgbouncer:6432/pgbouncer"), "1.22.1", 0, "transaction", null);
		FailureAnalysis analysis = analyze(wrapped(new PgBouncerPreparedStatementsException("primary", pgbouncer,
				"pool.postgres.pgbouncer-prepared-statements")));
		assertThat(analysis.getDescription()).contains("max_prepared_statements = 0");
		assertThat(analysis.getAction()).startsWith("Set max_prepared_statements = 200 in pgbouncer.ini");
	}

	@Test
	void explainsAdminUrlThatIsNotTheAdminConsole() {
		FailureAnalysis analysis = analyze(wrapped(catchThrowable(
				() -> PgBouncerAdminProbe.address("postgresql://stats:hunter2@pgbouncer:6432/app"))));
		assertThat(analysis.getDescription()).contains("pool.postgres.pgbouncer-admin-url")
			.contains("the database 'app'")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains("/pgbouncer");
	}

	@Test
	void ignoresUnrelatedFailures() {
		for (FailureAnalyzer analyzer : analyzers()) {
			assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
		}
	}

	private static FailureAnalysis analyze(Throwable failure) {
		for (FailureAnalyzer analyzer : analyzers()) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No analyzer explained " + failure);
	}

	private static List<FailureAnalyzer> analyzers() {
		return SpringFactoriesLoader.forDefaultResourceLocation(FailureAnalyzersTests.class.getClassLoader())
			.load(FailureAnalyzer.class, null, (type, name, failure) -> {
				// Spring Boot's own analyzers need constructor arguments; only ours matter here
			})
			.stream()
			.filter((analyzer) -> analyzer.getClass().getName().startsWith("dev.poolstarter"))
			.toList();
	}

	private static Exception wrapped(Throwable cause) {
		return new BeanCreationException("dataSource", "Failed to instantiate", cause);
	}

	private static Throwable catchThrowable(Runnable runnable) {
		try {
			runnable.run();
		}
		catch (RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("Expected a failure");
	}

}
