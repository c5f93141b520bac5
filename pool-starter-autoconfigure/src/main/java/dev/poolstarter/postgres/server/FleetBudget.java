package dev.poolstarter.postgres.server;

/**
 * The share of the server's connections that one service's fleet may hold:
 * {@code budget x (max_connections - reserved)}, split among its instances.
 *
 * @param maxConnections the server's max_connections
 * @param reservedConnections connections reserved for superusers and reserved roles
 * @param budget the share of usable connections the fleet may hold
 * @param instances the number of instances of the service
 * @author pool-starter
 * @since 0.1.0
 */
public record FleetBudget(int maxConnections, int reservedConnections, double budget, int instances) {

	/**
	 * Return the budget of a server that has not answered yet: no limit until it does.
	 * @param budget the share of usable connections the fleet may hold
	 * @param instances the number of instances of the service
	 * @return the budget
	 */
	public static FleetBudget unknown(double budget, int instances) {
		return new FleetBudget(0, 0, budget, instances);
	}

	/**
	 * Whether the server's limits are known.
	 * @return whether the server answered
	 */
	public boolean isKnown() {
		return this.maxConnections > 0;
	}

	/**
	 * Return the connections the whole fleet may hold.
	 * @return the fleet's budget
	 */
	public int fleetConnections() {
		return (int) Math.floor(this.budget * Math.max(0, this.maxConnections - this.reservedConnections));
	}

	/**
	 * Return the largest pool size per instance that fits the budget.
	 * @return the largest pool size, 0 when none fits
	 */
	public int largestPoolSize() {
		return isKnown() ? fleetConnections() / this.instances : Integer.MAX_VALUE;
	}

	/**
	 * Whether the fleet fits when each instance has the given pool size.
	 * @param poolSize the pool size per instance
	 * @return whether it fits
	 */
	public boolean fits(int poolSize) {
		return !isKnown() || (long) poolSize * this.instances <= fleetConnections();
	}

	/**
	 * Describe the arithmetic for the given pool size.
	 * @param poolSize the pool size per instance
	 * @return the description
	 */
	public String describe(int poolSize) {
		if (!isKnown()) {
			return this.instances + " instance(s) x " + poolSize + " connections, budget unknown until the server answers";
		}
		return this.instances + " instance(s) x " + poolSize + " connections = " + ((long) this.instances * poolSize)
				+ (fits(poolSize) ? " <= " : " > ") + fleetConnections() + " (budget " + this.budget
				+ " x (max_connections " + this.maxConnections + " - reserved " + this.reservedConnections + "))";
	}

}
