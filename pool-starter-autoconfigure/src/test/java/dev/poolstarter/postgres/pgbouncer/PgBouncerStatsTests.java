package dev.poolstarter.postgres.pgbouncer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PgBouncerStats}.
 */
class PgBouncerStatsTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final List<Map<String, String>> stats = List.of(row("database", "orders", "total_xact_count", "1200",
			"total_query_count", "3400"), row("database", "pgbouncer", "total_xact_count", "7"));

	@Test
	void readsThePoolOfTheDatabaseAndUser() {
		List<Map<String, String>> pools = List.of(
				pool("orders", "app", "3", "2", "1", "1", "0", "1", "250000", "transaction"),
				pool("orders", "reporting", "9", "9", "9", "9", "9", "9", "0", "transaction"),
				pool("pgbouncer", "pgbouncer", "1", "0", "0", "0", "0", "0", "0", "statement"));
		PgBouncerStats sample = PgBouncerStats.of(pools, this.stats, "orders", "app", NOW);
		assertThat(sample.listed()).isTrue();
		assertThat(sample.poolMode()).isEqualTo("transaction");
		assertThat(sample.clientsActive()).isEqualTo(3);
		assertThat(sample.clientsWaiting()).isEqualTo(2);
		assertThat(sample.serversActive()).isEqualTo(1);
		assertThat(sample.serversIdle()).isEqualTo(1);
		assertThat(sample.serversUsed()).isZero();
		assertThat(sample.maxWait()).isEqualTo(Duration.ofMillis(1250));
		assertThat(sample.transactions()).isEqualTo(1200);
		assertThat(sample.queries()).isEqualTo(3400);
	}

	@Test
	void addsUpTheDatabasesPoolsWhenNoneHasTheUser() {
		List<Map<String, String>> pools = List.of(pool("orders", "forced", "3", "1", "1", "0", "2", "0", "5", null),
				pool("orders", "other", "1", "1", "0", "1", "0", "2", "0", null));
		PgBouncerStats sample = PgBouncerStats.of(pools, this.stats, "orders", "app", NOW);
		assertThat(sample.listed()).isTrue();
		assertThat(sample.clientsActive()).isEqualTo(4);
		assertThat(sample.clientsWaiting()).isEqualTo(2);
		assertThat(sample.maxWait()).isEqualTo(Duration.ofSeconds(2));
		assertThat(sample.poolMode()).isNull();
	}

	@Test
	void reportsAnUnlistedPoolAsEmpty() {
		PgBouncerStats sample = PgBouncerStats.of(List.of(), List.of(), "orders", "app", NOW);
		assertThat(sample.listed()).isFalse();
		assertThat(sample.clientsActive()).isZero();
		assertThat(sample.maxWait()).isZero();
		assertThat(sample.transactions()).isZero();
	}

	private static Map<String, String> pool(String database, String user, String clActive, String clWaiting,
			String svActive, String svIdle, String svUsed, String maxwait, String maxwaitUs, String poolMode) {
		Map<String, String> row = row("database", database, "user", user, "cl_active", clActive, "cl_waiting",
				clWaiting, "sv_active", svActive, "sv_idle", svIdle, "sv_used", svUsed, "maxwait", maxwait,
				"maxwait_us", maxwaitUs);
		row.put("pool_mode", poolMode);
		return row;
	}

	private static Map<String, String> row(String... namesAndValues) {
		Map<String, String> row = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			row.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return row;
	}

}
