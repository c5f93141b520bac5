package dev.poolstarter.postgres.pgbouncer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One sample of PgBouncer's {@code SHOW POOLS} and {@code SHOW STATS} for the pool's
 * database and user, in PgBouncer's terms: clients are connections to PgBouncer, servers
 * its connections to PostgreSQL.
 *
 * @param database the database, as clients name it
 * @param user the user of the pool
 * @param listed whether {@code SHOW POOLS} lists a pool for the database (PgBouncer
 * creates it on the first client)
 * @param poolMode PgBouncer's pool mode for it, or {@code null} when not shown
 * @param clientsActive clients linked to a server connection or idle ({@code cl_active})
 * @param clientsWaiting clients waiting for a server connection ({@code cl_waiting})
 * @param serversActive server connections linked to a client ({@code sv_active})
 * @param serversIdle server connections idle and ready ({@code sv_idle})
 * @param serversUsed server connections idle long enough to need a check before reuse
 * ({@code sv_used})
 * @param maxWait how long the oldest waiting client has waited ({@code maxwait},
 * {@code maxwait_us})
 * @param transactions transactions PgBouncer pooled for the database since it started
 * ({@code total_xact_count})
 * @param queries queries PgBouncer pooled for the database since it started
 * ({@code total_query_count})
 * @param sampledAt when the sample was taken
 * @author pool-starter
 * @since 0.1.0
 */
public record PgBouncerStats(String database, String user, boolean listed, @Nullable String poolMode,
		int clientsActive, int clientsWaiting, int serversActive, int serversIdle, int serversUsed, Duration maxWait,
		long transactions, long queries, Instant sampledAt) {

	/**
	 * Read a sample from the rows of {@code SHOW POOLS} and {@code SHOW STATS}. When no
	 * pool row has the user (a {@code force_user} database), the database's rows are
	 * added up.
	 * @param pools the rows of {@code SHOW POOLS}
	 * @param stats the rows of {@code SHOW STATS}
	 * @param database the database, as clients name it
	 * @param user the pool's user
	 * @param sampledAt when the rows were read
	 * @return the sample
	 */
	public static PgBouncerStats of(List<Map<String, @Nullable String>> pools,
			List<Map<String, @Nullable String>> stats, String database, String user, Instant sampledAt) {
		List<Map<String, @Nullable String>> mine = pools.stream()
			.filter((row) -> database.equals(row.get("database")) && user.equals(row.get("user")))
			.toList();
		if (mine.isEmpty()) {
			mine = pools.stream().filter((row) -> database.equals(row.get("database"))).toList();
		}
		long maxWaitMicros = mine.stream()
			.mapToLong((row) -> number(row, "maxwait") * 1_000_000 + number(row, "maxwait_us"))
			.max()
			.orElse(0);
		Map<String, @Nullable String> totals = stats.stream()
			.filter((row) -> database.equals(row.get("database")))
			.findFirst()
			.orElse(Map.of());
		return new PgBouncerStats(database, user, !mine.isEmpty(), mine.isEmpty() ? null : mine.get(0).get("pool_mode"),
				sum(mine, "cl_active"), sum(mine, "cl_waiting"), sum(mine, "sv_active"), sum(mine, "sv_idle"),
				sum(mine, "sv_used"), Duration.ofNanos(maxWaitMicros * 1000), number(totals, "total_xact_count"),
				number(totals, "total_query_count"), sampledAt);
	}

	private static int sum(List<Map<String, @Nullable String>> rows, String column) {
		return (int) rows.stream().mapToLong((row) -> number(row, column)).sum();
	}

	private static long number(Map<String, @Nullable String> row, String column) {
		String value = row.get(column);
		if (value == null || value.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
