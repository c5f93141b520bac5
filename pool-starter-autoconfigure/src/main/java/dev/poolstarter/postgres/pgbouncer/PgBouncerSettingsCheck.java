package dev.poolstarter.postgres.pgbouncer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.settings.PgBouncerMode;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * Start-up checks of the PgBouncer settings against what PgBouncer's admin console says:
 * prepared statements need PgBouncer 1.21 or newer with max_prepared_statements above 0,
 * and the pool mode should be the one PgBouncer uses.
 *
 * @author pool-starter
 */
public final class PgBouncerSettingsCheck {

	private PgBouncerSettingsCheck() {
	}

	public static void check(String poolName, ResolvedSettings<PostgresSettings> settings,
			@Nullable PgBouncerAdmin pgbouncer, List<String> warnings) {
		PgBouncerMode mode = settings.value(PostgresSetting.PGBOUNCER);
		Resolved<Boolean> prepared = settings.get(PostgresSetting.PGBOUNCER_PREPARED_STATEMENTS);
		if (pgbouncer != null && !pgbouncer.answered()) {
			warnings.add("PgBouncer's admin console at " + pgbouncer.address() + " did not answer: " + pgbouncer.error()
					+ "; its version is not checked, and health and metrics show it as unavailable until it answers");
		}
		if (Boolean.TRUE.equals(prepared.value())) {
			checkPreparedStatements(poolName, mode, prepared, pgbouncer, warnings);
		}
		if (pgbouncer != null && pgbouncer.poolMode() != null) {
			checkPoolMode(mode, settings.get(PostgresSetting.PGBOUNCER).origin(), pgbouncer, warnings);
		}
	}

	private static void checkPreparedStatements(String poolName, @Nullable PgBouncerMode mode,
			Resolved<Boolean> prepared, @Nullable PgBouncerAdmin pgbouncer, List<String> warnings) {
		if (mode != PgBouncerMode.TRANSACTION) {
			warnings.add("pgbouncer-prepared-statements=true (from " + prepared.origin() + ") has no effect unless "
					+ "pool.postgres.pgbouncer=transaction: server-side prepared statements are on anyway");
			return;
		}
		if (pgbouncer == null) {
			warnings.add("pgbouncer-prepared-statements=true (from " + prepared.origin() + ") is not checked against "
					+ "PgBouncer: it needs PgBouncer 1.21 or newer with max_prepared_statements above 0, else "
					+ "statements fail with 'prepared statement \"S_1\" does not exist'; set "
					+ "pool.postgres.pgbouncer-admin-url to have it checked at start-up");
			return;
		}
		if (pgbouncer.answered() && !pgbouncer.tracksPreparedStatements()) {
			throw new PgBouncerPreparedStatementsException(poolName, pgbouncer, prepared.origin());
		}
	}

	private static String name(@Nullable PgBouncerMode mode) {
		return (mode != null) ? DurationFormat.formatValue(mode) : "off";
	}

	private static void checkPoolMode(@Nullable PgBouncerMode mode, String origin, PgBouncerAdmin pgbouncer,
			List<String> warnings) {
		String actual = pgbouncer.poolMode();
		if ("statement".equals(actual)) {
			warnings.add("PgBouncer at " + pgbouncer.address() + " pools this database in statement mode: every "
					+ "transaction of more than one statement fails ('transaction blocks not allowed in statement pool "
					+ "mode'), which a Spring application with @Transactional cannot live with; use pool_mode = "
					+ "transaction for this database");
		}
		boolean perTransaction = "transaction".equals(actual) || "statement".equals(actual);
		if (perTransaction && mode != PgBouncerMode.TRANSACTION) {
			warnings.add("PgBouncer at " + pgbouncer.address() + " pools this database in " + actual
					+ " mode, but pool.postgres.pgbouncer is " + name(mode) + " (from " + origin + "): server-side prepared "
					+ "statements fail with 'prepared statement \"S_1\" does not exist' and session settings leak "
					+ "between clients; set pool.postgres.pgbouncer=transaction");
		}
		else if ("session".equals(actual) && mode == PgBouncerMode.TRANSACTION) {
			warnings.add("PgBouncer at " + pgbouncer.address() + " pools this database in session mode, but "
					+ "pool.postgres.pgbouncer is transaction (from " + origin + "): prepared statements and start-up "
					+ "options are given up for nothing; set pool.postgres.pgbouncer=session");
		}
	}

}
