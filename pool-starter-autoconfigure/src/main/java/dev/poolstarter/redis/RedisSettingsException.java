package dev.poolstarter.redis;

import dev.poolstarter.settings.SettingsException;

/**
 * Thrown when the effective Redis settings are impossible or contradict each other; its message never holds a secret.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisSettingsException extends SettingsException {

	/**
	 * Create a new instance.
	 * @param problem what is wrong, naming each setting, its value and its origin
	 * @param action what to change, with the value to use
	 */
	public RedisSettingsException(String problem, String action) {
		super("Redis client", problem, action);
	}

}
