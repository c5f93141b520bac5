package dev.poolstarter.postgres.adaptive;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.FleetCensus;
import dev.poolstarter.postgres.server.ServerActivity;

/**
 * The decisions of adaptive sizing, one per sample: shrink at once to this instance's fair
 * share when the live fleet grew; grow to the connections in use plus the threads waiting
 * (at least a step) when threads waited in consecutive samples and the server has
 * headroom, never past the share; shrink by a step when connections sat idle in
 * consecutive samples; change nothing else during a cool-down after a change.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class AdaptiveSizer {

	private final AdaptiveSizingPolicy policy;

	private final String service;

	private final @Nullable String self;

	private volatile int target;

	private volatile AdaptiveSizingPolicy.@Nullable Share share;

	private volatile @Nullable FleetCensus census;

	private int waitedStreak;

	private int idleStreak;

	private int peakInUse;

	private @Nullable Instant lastChange;

	/**
	 * Create the sizer of one pool.
	 * @param policy the bounds and pace
	 * @param service the service name
	 * @param self this instance's id, or {@code null}
	 * @param initialTarget the size the pool starts with
	 * @param initialShare the share at start-up, or {@code null} when the server did not
	 * answer
	 */
	public AdaptiveSizer(AdaptiveSizingPolicy policy, String service, @Nullable String self, int initialTarget,
			AdaptiveSizingPolicy.@Nullable Share initialShare) {
		this.policy = policy;
		this.service = service;
		this.self = self;
		this.target = initialTarget;
		this.share = initialShare;
	}

	/**
	 * Return the size the pool should have now.
	 * @return the target
	 */
	public int target() {
		return this.target;
	}

	/**
	 * Return the latest share of the fleet budget.
	 * @return the share, or {@code null} before the server answered
	 */
	public AdaptiveSizingPolicy.@Nullable Share share() {
		return this.share;
	}

	/**
	 * Return the latest census of the fleet.
	 * @return the census, or {@code null} before the first sample
	 */
	public @Nullable FleetCensus census() {
		return this.census;
	}

	public AdaptiveSizingPolicy policy() {
		return this.policy;
	}

	/**
	 * Decide on one sample.
	 * @param sample what the pool and the server showed
	 * @return the change, or {@code null} to keep the size
	 */
	public synchronized @Nullable Resize decide(Sample sample) {
		Fleet fleet = sample.fleet();
		AdaptiveSizingPolicy.Share before = this.share;
		if (fleet != null) {
			this.census = fleet.census();
			this.share = this.policy.share(fleet.census(), fleet.usableConnections(), fleet.mine(), this.self);
		}
		boolean waited = sample.waiting() > 0 || sample.timeouts() > 0;
		int inUse = Math.max(sample.active(), (int) Math.ceil(sample.busy()));
		// when the fleet changes, growth waits until the other instances have seen it too
		boolean fleetChanged = before != null && this.share != null && before.instances() != this.share.instances();
		this.waitedStreak = (waited && !fleetChanged) ? this.waitedStreak + 1 : 0;
		boolean idle = !waited && this.target - inUse >= this.policy.step();
		this.peakInUse = (idle && this.idleStreak > 0) ? Math.max(this.peakInUse, inUse) : inUse;
		this.idleStreak = idle ? this.idleStreak + 1 : 0;
		AdaptiveSizingPolicy.Share current = this.share;
		if (fleet != null && current != null && this.target > current.fair()) {
			return change(sample.at(), current.fair(), Cause.FLEET, fleetReason(current));
		}
		if (coolingDown(sample.at())) {
			return null;
		}
		if (this.waitedStreak >= this.policy.growAfter() && fleet != null && current != null
				&& this.target < current.growthCeiling()
				&& fleet.serverUtilization() < this.policy.serverUtilizationLimit()) {
			// every waiting thread wants a connection now: grow to cover them in one change
			// rather than a step per cool-down, which would take minutes to reach the demand
			int demand = inUse + sample.waiting();
			return change(sample.at(),
					Math.min(Math.max(this.target + this.policy.step(), demand), current.growthCeiling()),
					Cause.DEMAND, demandReason(sample, fleet, current));
		}
		if (this.idleStreak >= this.policy.shrinkAfter() && this.target > this.policy.minimum()) {
			return change(sample.at(), Math.max(this.policy.minimum(), this.target - this.policy.step()), Cause.IDLE,
					"at least " + this.policy.step() + " connection(s) idle in " + this.idleStreak
							+ " consecutive samples (at most " + this.peakInUse + " in use)");
		}
		return null;
	}

	private boolean coolingDown(Instant now) {
		Instant last = this.lastChange;
		return last != null && Duration.between(last, now).compareTo(this.policy.coolDown()) < 0;
	}

	private Resize change(Instant now, int to, Cause cause, String reason) {
		Resize resize = new Resize(this.target, to, cause, reason);
		this.target = to;
		this.lastChange = now;
		this.waitedStreak = 0;
		this.idleStreak = 0;
		return resize;
	}

	private String fleetReason(AdaptiveSizingPolicy.Share share) {
		FleetCensus census = this.census;
		String who = (census != null) ? " (" + census.describeInstances(this.service, this.self) + ")" : "";
		return share.instances() + " live instance(s)" + who + " share the fleet budget of " + share.fleetBudget()
				+ ": " + share.describe();
	}

	private String demandReason(Sample sample, Fleet fleet, AdaptiveSizingPolicy.Share share) {
		return "threads waited in " + this.waitedStreak + " consecutive samples (" + sample.waiting() + " waiting, "
				+ Math.max(sample.active(), (int) Math.ceil(sample.busy())) + " in use, "
				+ sample.timeouts() + " timed out in the last), server at "
				+ Math.round(fleet.serverUtilization() * 100) + " % of its usable connections; " + share.describe()
				+ ", other instances hold " + share.heldByOthers();
	}

	/**
	 * What the pool and the server showed at one sample.
	 *
	 * @param at when
	 * @param waiting threads waiting for a connection
	 * @param active connections in use
	 * @param timeouts borrows that timed out since the previous sample
	 * @param busy connections in use on average since the previous sample
	 * @param fleet the server's view, or {@code null} when it gave none in time
	 */
	public record Sample(Instant at, int waiting, int active, long timeouts, double busy, @Nullable Fleet fleet) {

	}

	/**
	 * What the server showed of the fleet.
	 *
	 * @param census who holds the server's connections
	 * @param usableConnections max_connections less the reserved ones
	 * @param mine connections this instance's pool holds
	 * @param serverUtilization share of the usable connections in use
	 */
	public record Fleet(FleetCensus census, int usableConnections, int mine, double serverUtilization) {

		/**
		 * Read the fleet from a server sample.
		 * @param activity the sample
		 * @return the fleet
		 */
		public static Fleet of(ServerActivity activity) {
			return new Fleet(activity.census(), activity.usableConnections(), activity.applicationTotal(),
					activity.serverUtilization());
		}

	}

	/**
	 * Why the size changed.
	 */
	public enum Cause {

		/**
		 * Threads waited and the server had headroom.
		 */
		DEMAND,

		/**
		 * Connections sat idle.
		 */
		IDLE,

		/**
		 * More instances share the fleet budget, or other applications left less of it.
		 */
		FLEET

	}

	/**
	 * One change of the pool's maximum size.
	 *
	 * @param from the size before
	 * @param to the size after
	 * @param cause why
	 * @param reason the figures behind it
	 */
	public record Resize(int from, int to, Cause cause, String reason) {

		/**
		 * Return the direction, as the {@code direction} tag has it.
		 * @return {@code grow} or {@code shrink}
		 */
		public String direction() {
			return (this.to > this.from) ? "grow" : "shrink";
		}

		/**
		 * Describe the change for the log.
		 * @param poolName the pool's name
		 * @return such as {@code grew pool 'primary' 5 -> 7: ...}
		 */
		public String describe(String poolName) {
			return ((this.to > this.from) ? "grew" : "shrank") + " pool '" + poolName + "' " + this.from + " -> "
					+ this.to + ": " + this.reason;
		}

	}

}
