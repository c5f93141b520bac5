package dev.poolstarter.postgres.pool;

/**
 * A pool that can stop lending for a shutdown drain, failing new borrows at once rather
 * than blocking them, and lend again afterwards so that destroy callbacks can still use
 * it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public interface DrainableDataSource {

	/**
	 * Fail new borrows at once with a {@link PoolExhaustedException}.
	 */
	void stopLending();

	/**
	 * Lend again.
	 */
	void resumeLending();

	/**
	 * Whether the pool lends now, that is, no drain is in progress.
	 * @return whether borrows are served
	 */
	default boolean isLending() {
		return true;
	}

}
