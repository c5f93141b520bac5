package dev.poolstarter.jdbc;

/**
 * The connections a service's whole fleet may hold on its server.
 *
 * @param fleetConnections the fleet's budget, in connections
 * @author pool-starter
 * @since 0.1.0
 */
public record FleetShare(int fleetConnections) {

	/**
	 * Return the share of the budget the fleet holds.
	 * @param held connections the fleet holds on the server
	 * @return the share, 1.0 when the budget is used up
	 */
	public double utilization(int held) {
		return (this.fleetConnections > 0) ? (double) held / this.fleetConnections : 1.0;
	}

}
