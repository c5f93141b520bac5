package dev.poolstarter.postgres.server;

import java.time.Duration;
import java.util.Map;

/**
 * What the pool learns from the server at start-up.
 *
 * @param maxConnections max_connections
 * @param reservedConnections superuser_reserved_connections plus reserved_connections
 * @param idleSessionTimeout idle_session_timeout, zero when disabled
 * @param version server_version
 * @param role the role the session runs as (current_user), empty when not read
 * @param database the database the session is in (current_database()), empty when not
 * read
 * @param sessionTimeouts statement_timeout, idle_in_transaction_session_timeout and
 * lock_timeout as the session has them, zero when disabled
 * @param census the service's live instances and the other applications' connections at
 * start-up, {@link FleetCensus#NONE} when not read
 * @author pool-starter
 * @since 0.1.0
 */
public record ServerFacts(int maxConnections, int reservedConnections, Duration idleSessionTimeout, String version,
		String role, String database, Map<String, Duration> sessionTimeouts, FleetCensus census) {

	/**
	 * What is known of a server that did not answer at start-up.
	 */
	public static final ServerFacts UNKNOWN = new ServerFacts(0, 0, Duration.ZERO, "unknown (unreachable at start-up)");

	/**
	 * Create facts without the census of the fleet.
	 * @param maxConnections max_connections
	 * @param reservedConnections the reserved connections
	 * @param idleSessionTimeout idle_session_timeout
	 * @param version server_version
	 * @param role the session's role
	 * @param database the session's database
	 * @param sessionTimeouts the session's timeouts
	 */
	public ServerFacts(int maxConnections, int reservedConnections, Duration idleSessionTimeout, String version,
			String role, String database, Map<String, Duration> sessionTimeouts) {
		this(maxConnections, reservedConnections, idleSessionTimeout, version, role, database, sessionTimeouts,
				FleetCensus.NONE);
	}

	/**
	 * Create facts without the session's role and timeouts.
	 * @param maxConnections max_connections
	 * @param reservedConnections the reserved connections
	 * @param idleSessionTimeout idle_session_timeout
	 * @param version server_version
	 */
	public ServerFacts(int maxConnections, int reservedConnections, Duration idleSessionTimeout, String version) {
		this(maxConnections, reservedConnections, idleSessionTimeout, version, "", "", Map.of(), FleetCensus.NONE);
	}

	/**
	 * Whether the server answered at start-up.
	 * @return whether the facts are known
	 */
	public boolean isKnown() {
		return this.maxConnections > 0;
	}

	/**
	 * Return these facts with the census of the fleet.
	 * @param census the census
	 * @return the facts
	 */
	public ServerFacts withCensus(FleetCensus census) {
		return new ServerFacts(this.maxConnections, this.reservedConnections, this.idleSessionTimeout, this.version,
				this.role, this.database, this.sessionTimeouts, census);
	}

	/**
	 * Return the connections the server gives to ordinary roles.
	 * @return max_connections less the reserved ones
	 */
	public int usableConnections() {
		return Math.max(0, this.maxConnections - this.reservedConnections);
	}

}
