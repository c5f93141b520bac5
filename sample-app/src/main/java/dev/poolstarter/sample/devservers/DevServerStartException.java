package dev.poolstarter.sample.devservers;

/**
 * Thrown when an embedded server the dev profile needs does not start.
 *
 * @author pool-starter
 */
class DevServerStartException extends RuntimeException {

	private final DevServer server;

	DevServerStartException(DevServer server, String reason, Throwable cause) {
		super("Embedded " + server.product() + " did not start: " + reason, cause);
		this.server = server;
	}

	DevServer getServer() {
		return this.server;
	}

}
