package dev.poolstarter.postgres.replica;

/**
 * Where read-only work goes when no read replica can take it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum ReplicaFallback {

	/**
	 * Read-only work runs on the primary, counted in {@code pool.replica.fallbacks}.
	 */
	PRIMARY,

	/**
	 * Read-only work waits for a replica and fails as its pool does, never touching the
	 * primary.
	 */
	FAIL

}
