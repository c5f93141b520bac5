package dev.poolstarter.postgres.statements;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatementStatisticsQuery}; the queries run against real servers in
 * {@link SlowStatementsMonitorIntegrationTests}.
 */
class StatementStatisticsQueryTests {

	@Test
	void readsTheColumnsOfPostgres13AndLater() {
		String sql = StatementStatisticsQuery.sql(new StatementsExtension("public", "1.8", "orders", "app", null), false);
		assertThat(sql).contains("p.mean_exec_time AS mean", "p.total_exec_time AS total", "p.max_exec_time AS max",
				"FROM \"public\".pg_stat_statements p")
			.doesNotContain("pg_stat_statements_info")
			.doesNotContain("p.userid");
	}

	@Test
	void readsTheColumnsOfPostgres12AndEarlier() {
		String sql = StatementStatisticsQuery.sql(new StatementsExtension("public", "1.7", "orders", "app", null), false);
		assertThat(sql).contains("p.mean_time AS mean", "p.total_time AS total", "p.max_time AS max")
			.doesNotContain("exec_time");
	}

	@Test
	void readsTheLastResetFromPostgres14InTheExtensionsSchema() {
		String sql = StatementStatisticsQuery.sql(new StatementsExtension("mon\"itor", "1.9", "orders", "app", null),
				false);
		assertThat(sql).contains("FROM \"mon\"\"itor\".pg_stat_statements_info i",
				"FROM \"mon\"\"itor\".pg_stat_statements p");
	}

	@Test
	void keepsToThePoolsRoleWhenAsked() {
		String sql = StatementStatisticsQuery.sql(new StatementsExtension("public", "1.10", "orders", "app", null),
				true);
		assertThat(sql).contains("p.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())",
				"p.userid = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)");
	}

}
