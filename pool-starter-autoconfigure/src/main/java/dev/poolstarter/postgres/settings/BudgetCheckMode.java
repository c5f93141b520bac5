package dev.poolstarter.postgres.settings;

/**
 * What to do when the fleet's connections exceed the server's budget.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum BudgetCheckMode {

	/**
	 * Stop start-up with a failure analysis.
	 */
	FAIL,

	/**
	 * Log one warning and carry on.
	 */
	WARN,

	/**
	 * Do not check.
	 */
	OFF

}
