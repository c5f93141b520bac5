package dev.poolstarter.postgres.adaptive;

/**
 * How the maximum size of a PostgreSQL pool is managed once the pool runs.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum SizingMode {

	/**
	 * Adaptive when the size is {@code auto} (the sizing formula is where it starts),
	 * fixed when the size is a number.
	 */
	AUTO,

	/**
	 * The size decided at start-up stays until the application stops.
	 */
	FIXED,

	/**
	 * The size follows the server's throughput knee at run time, between a minimum and
	 * this instance's share of the fleet budget among the instances live in
	 * pg_stat_activity; an explicit size is the upper bound.
	 */
	ADAPTIVE

}
