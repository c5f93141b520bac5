package dev.poolstarter.postgres.adaptive;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.FleetCensus;

/**
 * The bounds and pace of adaptive pool sizing, and this instance's share of the fleet
 * budget: the fleet budget less a headroom for an instance that is starting and one
 * connection for each instance's server monitor, divided among the live instances.
 *
 * @param minimum smallest maximum pool size
 * @param maximum largest maximum pool size: an explicit size, the cap, or no bound but
 * the share
 * @param interval the length of a window
 * @param probeInterval time between two probes of a smaller size at steady load, before
 * it doubles while the probes find the size right
 * @param tolerance change of throughput within which two sizes count as equal
 * @param serverUtilizationLimit server utilization at or above which the pool does not grow
 * @param budget share of the server's usable connections the fleet may hold
 * @param fixedInstances the instance count set by {@code pool.instances}, or {@code null}
 * to count the live instances
 * @author pool-starter
 * @since 0.1.0
 */
public record AdaptiveSizingPolicy(int minimum, int maximum, Duration interval, Duration probeInterval,
		double tolerance, double serverUtilizationLimit, double budget, @Nullable Integer fixedInstances) {

	/**
	 * Connections each instance holds besides its pool: its server monitor's, which reads
	 * {@code pg_stat_activity} on a connection of its own so that it answers while the
	 * pool is exhausted.
	 */
	static final int MONITOR_CONNECTIONS = 1;

	/**
	 * Connections an instance opens only while it starts: its start-up check's, which
	 * reads the server's settings and may still be open when the pool and the monitor
	 * open theirs.
	 */
	static final int START_UP_CONNECTIONS = 1;

	/**
	 * Return the connections kept free for an instance that starts: it opens its minimum,
	 * its monitor's connection and its start-up check's before the others have seen it
	 * and shrunk. None when the instance count is fixed.
	 * @return the headroom
	 */
	public int headroom() {
		return (this.fixedInstances != null) ? 0 : this.minimum + MONITOR_CONNECTIONS + START_UP_CONNECTIONS;
	}

	/**
	 * Return this instance's share of the fleet budget.
	 * @param census who holds the server's connections
	 * @param usableConnections max_connections less the reserved ones
	 * @param mine connections this instance's pool holds
	 * @param self this instance's id, or {@code null} when its application_name does not
	 * name it
	 * @return the share
	 */
	public Share share(FleetCensus census, int usableConnections, int mine, @Nullable String self) {
		int others = census.otherConnections();
		int fleetBudget = Math.min((int) Math.floor(this.budget * usableConnections),
				Math.max(0, usableConnections - others));
		int instances = (this.fixedInstances != null) ? this.fixedInstances : census.liveInstances(self);
		int monitors = instances * MONITOR_CONNECTIONS;
		int spare = Math.max(0, fleetBudget - headroom() - monitors);
		// an application_name set by hand does not name the service, so this pool's own
		// connections are not among the instances' pool connections
		int heldByOthers = Math.max(0, census.fleetPoolConnections() - ((self != null) ? mine : 0));
		int fair = clamp(spare / Math.max(1, instances));
		return new Share(fleetBudget, others, instances, headroom(), monitors, fair,
				Math.min(fair, clamp(spare - heldByOthers)), heldByOthers);
	}

	private int clamp(int size) {
		return Math.max(this.minimum, Math.min(this.maximum, size));
	}

	/**
	 * This instance's share of the fleet budget.
	 *
	 * @param fleetBudget connections the fleet may hold: the budget of the usable
	 * connections, and no more than other applications leave
	 * @param otherConnections connections other applications hold
	 * @param instances the instances that share it
	 * @param headroom connections kept free for an instance that starts
	 * @param monitors connections kept for the instances' server monitors
	 * @param fair the fair share, within the minimum and maximum: the pool shrinks to it at
	 * once when it is above
	 * @param growthCeiling the size the pool may grow to now: the fair share, less what
	 * other instances still hold above theirs
	 * @param heldByOthers pool connections the other instances hold
	 */
	public record Share(int fleetBudget, int otherConnections, int instances, int headroom, int monitors, int fair,
			int growthCeiling, int heldByOthers) {

		/**
		 * Describe the arithmetic.
		 * @return such as {@code share 2 = (fleet budget 12 - 2 kept free for a starting
		 * instance - 3 for the monitors) / 3 instance(s)}
		 */
		public String describe() {
			return "share " + this.fair + " = (fleet budget " + this.fleetBudget
					+ ((this.headroom > 0) ? " - " + this.headroom + " kept free for a starting instance" : "")
					+ ((this.monitors > 0) ? " - " + this.monitors + " for the monitors" : "") + ") / "
					+ this.instances + " instance(s)";
		}

	}

}
