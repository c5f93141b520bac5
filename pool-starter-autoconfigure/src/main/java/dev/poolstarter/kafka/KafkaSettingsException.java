package dev.poolstarter.kafka;

import dev.poolstarter.settings.SettingsException;

/**
 * Thrown when effective Kafka client settings contradict each other; its message never holds a secret.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaSettingsException extends SettingsException {

	/**
	 * Create a new instance.
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public KafkaSettingsException(String problem, String action) {
		super("Kafka clients", problem, action);
	}

}
