package dev.poolstarter.postgres.pgbouncer;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PgBouncerPreparedStatementsException}.
 *
 * @author pool-starter
 */
class PgBouncerPreparedStatementsFailureAnalyzer extends AbstractFailureAnalyzer<PgBouncerPreparedStatementsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PgBouncerPreparedStatementsException cause) {
		PgBouncerAdmin pgbouncer = cause.getPgbouncer();
		boolean tooOld = !pgbouncer.isAtLeast(1, 21);
		String why = tooOld
				? "PgBouncer " + pgbouncer.version() + " at " + pgbouncer.address()
						+ " cannot keep them: prepared statements in transaction mode need PgBouncer 1.21 or newer "
						+ "(max_prepared_statements)"
				: "PgBouncer " + pgbouncer.version() + " at " + pgbouncer.address()
						+ " has max_prepared_statements = " + pgbouncer.maxPreparedStatements() + ", which turns them off";
		String description = "The PostgreSQL pool '" + cause.getPoolName()
				+ "' cannot keep server-side prepared statements through PgBouncer: "
				+ "pool.postgres.pgbouncer-prepared-statements=true (from " + cause.getOrigin() + "), but " + why
				+ ". Each transaction may run on another server connection, so pgjdbc's named statements would fail "
				+ "with 'prepared statement \"S_1\" does not exist' or 'already exists'.";
		String action = tooOld
				? "Set pool.postgres.pgbouncer-prepared-statements=false (the starter then sets prepareThreshold=0), "
						+ "or upgrade PgBouncer to 1.21 or newer and set max_prepared_statements = 200 in pgbouncer.ini."
				: "Set max_prepared_statements = 200 in pgbouncer.ini and reload PgBouncer (RELOAD on its admin "
						+ "console), or set pool.postgres.pgbouncer-prepared-statements=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
