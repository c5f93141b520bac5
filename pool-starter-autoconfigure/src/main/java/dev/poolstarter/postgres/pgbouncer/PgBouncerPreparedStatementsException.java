package dev.poolstarter.postgres.pgbouncer;

/**
 * Thrown when {@code pool.postgres.pgbouncer-prepared-statements} is on and PgBouncer's
 * admin console shows a PgBouncer that cannot keep prepared statements across
 * transaction pooling.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PgBouncerPreparedStatementsException extends RuntimeException {

	private final String poolName;

	private final PgBouncerAdmin pgbouncer;

	private final String origin;

	/**
	 * Create a new instance.
	 * @param poolName the pool
	 * @param pgbouncer what PgBouncer's admin console said
	 * @param origin where pgbouncer-prepared-statements=true came from
	 */
	public PgBouncerPreparedStatementsException(String poolName, PgBouncerAdmin pgbouncer, String origin) {
		super("Pool '" + poolName + "': pgbouncer-prepared-statements=true, but " + pgbouncer.describe());
		this.poolName = poolName;
		this.pgbouncer = pgbouncer;
		this.origin = origin;
	}

	public String getPoolName() {
		return this.poolName;
	}

	public PgBouncerAdmin getPgbouncer() {
		return this.pgbouncer;
	}

	public String getOrigin() {
		return this.origin;
	}

}
