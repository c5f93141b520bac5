package dev.poolstarter.settings;

/**
 * Thrown when the effective settings of a client are impossible or contradict each other;
 * its message never holds a secret.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class SettingsException extends RuntimeException {

	private final String client;

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param client the client, such as {@code Redis client}
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public SettingsException(String client, String problem, String action) {
		super(client + ": " + problem);
		this.client = client;
		this.problem = problem;
		this.action = action;
	}

	public String getClient() {
		return this.client;
	}

	public String getProblem() {
		return this.problem;
	}

	public String getAction() {
		return this.action;
	}

}
