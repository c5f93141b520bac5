package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;

/**
 * What the pool learns from the server at start-up.
 *
 * @param maxConnections max_connections
 * @param reservedConnections superuser_reserved_connections plus reserved_connections
 * @param idleSessionTimeout idle_session_timeout, zero when disabled
 * @param version server_version
 * @author pool-starter
 * @since 0.1.0
 */
public record ServerFacts(int maxConnections, int reservedConnections, Duration idleSessionTimeout, String version) {

	/**
	 * What is known of a server that did not answer at start-up.
	 */
	public static final ServerFacts UNKNOWN = new ServerFacts(0, 0, Duration.ZERO, "unknown (unreachable at start-up)");

	/**
	 * Whether the server answered at start-up.
	 * @return whether the facts are known
	 */
	public boolean isKnown() {
		return this.maxConnections > 0;
	}

}
