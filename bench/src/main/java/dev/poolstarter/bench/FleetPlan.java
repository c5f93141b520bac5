package dev.poolstarter.bench;

/**
 * What the fleet scenario runs: instances of one service, each a Spring context with the
 * starter's adaptive pool and its own closed loop, starting {@code stagger} seconds apart
 * and all stopping at the end.
 *
 * @param instances the instances
 * @param stagger seconds between two starts
 * @param seconds the round's length, from the first start
 * @param clients each instance's clients
 * @param holdMillis the hold of every transaction, in milliseconds
 * @param budget {@code pool.postgres.budget}, the share of the server's usable
 * connections the fleet may hold
 * @param settle seconds without a size change at the end that count as converged
 */
record FleetPlan(int instances, int stagger, int seconds, int clients, double holdMillis, double budget, int settle) {

	FleetPlan {
		if (instances < 1 || (instances - 1) * stagger >= seconds) {
			throw new IllegalArgumentException("The fleet's last instance must start before its end: " + instances
					+ " instances " + stagger + " s apart in " + seconds + " s");
		}
	}

	int startOf(int instance) {
		return instance * this.stagger;
	}

}
