package dev.poolstarter.postgres;

/**
 * Thrown when an effective pool setting is impossible on its own or contradicts another.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresSettingsException extends RuntimeException {

	private final String poolName;

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param poolName the pool whose settings are wrong
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public PostgresSettingsException(String poolName, String problem, String action) {
		super("Pool '" + poolName + "': " + problem);
		this.poolName = poolName;
		this.problem = problem;
		this.action = action;
	}

	public String getPoolName() {
		return this.poolName;
	}

	public String getProblem() {
		return this.problem;
	}

	public String getAction() {
		return this.action;
	}

}
