package dev.poolstarter.postgres.server;

/**
 * The connections a service's whole fleet may hold on its server.
 *
 * @param budget the share of the server's usable connections the fleet may hold
 * @author pool-starter
 * @since 0.1.0
 */
public record FleetShare(double budget) {

	/**
	 * Return the share of the budget the fleet holds, from a server sample: the budget
	 * follows the server's max_connections even when it changes or was not known at
	 * start-up.
	 * @param activity the sample
	 * @return the share, 1.0 when the budget is used up
	 */
	public double utilization(ServerActivity activity) {
		double fleetConnections = Math.floor(this.budget * activity.usableConnections());
		return (fleetConnections > 0) ? activity.fleetConnections() / fleetConnections : 1.0;
	}

}
