package dev.poolstarter.autoconfigure.kafka;

/**
 * Thrown when effective Kafka client settings contradict each other. Its message never
 * holds a secret.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaSettingsException extends RuntimeException {

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public KafkaSettingsException(String problem, String action) {
		super("Kafka clients: " + problem);
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
