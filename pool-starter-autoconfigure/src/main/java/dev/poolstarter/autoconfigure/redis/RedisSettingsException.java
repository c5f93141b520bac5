package dev.poolstarter.autoconfigure.redis;

/**
 * Thrown when the effective Redis settings are impossible or contradict each other; its
 * message never holds a password.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisSettingsException extends RuntimeException {

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public RedisSettingsException(String problem, String action) {
		super("Redis client: " + problem);
		this.problem = problem;
		this.action = action;
	}

	public String getProblem() {
		return this.problem;
	}

	public String getAction() {
		return this.action;
	}

}
