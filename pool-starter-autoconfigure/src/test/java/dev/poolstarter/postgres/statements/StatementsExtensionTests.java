package dev.poolstarter.postgres.statements;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatementsExtension}.
 */
class StatementsExtensionTests {

	@Test
	void versionsBeforePostgres13NameTheTimesWithoutExec() {
		assertThat(extension("1.7").execTimeColumns()).isFalse();
		assertThat(extension("1.8").execTimeColumns()).isTrue();
		assertThat(extension("1.10").execTimeColumns()).isTrue();
		assertThat(extension("2.0").execTimeColumns()).isTrue();
	}

	@Test
	void theTimeOfTheLastResetIsKnownFromPostgres14() {
		assertThat(extension("1.8").resetTimeKnown()).isFalse();
		assertThat(extension("1.9").resetTimeKnown()).isTrue();
		assertThat(extension("1.12").resetTimeKnown()).isTrue();
	}

	@Test
	void notInstalledNeedsThePreloadAndCreateExtension() {
		StatementsExtension extension = new StatementsExtension(null, null, "orders", "app", "auto_explain");
		assertThat(extension.installed()).isFalse();
		assertThat(extension.preloaded()).isFalse();
		assertThat(extension.enableSteps(false)).containsExactly(
				"add pg_stat_statements to shared_preload_libraries (postgresql.conf, or the parameter group of a "
						+ "managed server: shared_preload_libraries = 'auto_explain,pg_stat_statements') and restart "
						+ "the server",
				"run CREATE EXTENSION pg_stat_statements; in database orders as a superuser");
	}

	@Test
	void preloadedButNotInstalledNeedsOnlyCreateExtension() {
		StatementsExtension extension = new StatementsExtension(null, null, "orders", "app",
				"auto_explain, \"pg_stat_statements\"");
		assertThat(extension.preloaded()).isTrue();
		assertThat(extension.enableSteps(false))
			.containsExactly("run CREATE EXTENSION pg_stat_statements; in database orders as a superuser");
	}

	@Test
	void aRoleThatMayNotReadThePreloadListIsToldToCheckIt() {
		StatementsExtension extension = new StatementsExtension(null, null, "orders", "app", null);
		assertThat(extension.preloaded()).isNull();
		assertThat(extension.enableSteps(false).get(0))
			.contains("shared_preload_libraries = 'pg_stat_statements'")
			.endsWith(", unless it is there already (role app may not read the setting)");
	}

	@Test
	void installedButNotLoadedNeedsOnlyThePreload() {
		StatementsExtension extension = new StatementsExtension("public", "1.10", "orders", "app", "");
		assertThat(extension.enableSteps(true)).singleElement()
			.asString()
			.startsWith("add pg_stat_statements to shared_preload_libraries")
			.endsWith("and restart the server");
	}

	@Test
	void grantQuotesARoleNameThatNeedsIt() {
		assertThat(extension("1.10").readAllStatsGrant()).isEqualTo("GRANT pg_read_all_stats TO app;");
		assertThat(new StatementsExtension("public", "1.10", "orders", "Order Service", "").readAllStatsGrant())
			.isEqualTo("GRANT pg_read_all_stats TO \"Order Service\";");
	}

	private static StatementsExtension extension(String version) {
		return new StatementsExtension("public", version, "orders", "app", "pg_stat_statements");
	}

}
