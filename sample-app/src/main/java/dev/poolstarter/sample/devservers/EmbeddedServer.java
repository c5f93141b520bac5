package dev.poolstarter.sample.devservers;

import java.util.List;

/**
 * A server the sample started itself.
 *
 * @author pool-starter
 */
interface EmbeddedServer {

	/**
	 * Return where it listens.
	 */
	Address address();

	/**
	 * Return what it is, for the start-up report, such as {@code embedded Redis 6.2.6 on
	 * 127.0.0.1:41231}.
	 */
	String description();

	/**
	 * Return the loggers of the server's own code, which would otherwise fill the
	 * application's log at INFO; the sample sets them to WARN unless the application sets
	 * a level itself.
	 */
	default List<String> quietLoggers() {
		return List.of();
	}

	/**
	 * Stop it and remove its files, within a bound; safe to call twice.
	 */
	void stop();

}
