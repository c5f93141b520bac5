package dev.poolstarter.postgres.adaptive;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PgBouncerMode;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.util.Assert;

/**
 * Adaptive sizing of a planned pool ({@code pool.postgres.sizing=adaptive}, or
 * {@code auto} with {@code max-connections: auto}): its bounds and pace from
 * {@code pool.postgres.adaptive.*}, and the size it starts with, the planned size within
 * the share of the fleet budget that the census at start-up leaves it.
 *
 * @param policy the bounds and pace
 * @param self this instance's id in application_name, or {@code null}
 * @param startShare the share at start-up, or {@code null} when the server did not answer
 * @param othersLive whether other instances of the service held connections at start-up
 * @param minIdle the configured minimum idle connections, or {@code null} for a
 * fixed-size pool
 * @author pool-starter
 */
public record AdaptiveSizing(AdaptiveSizingPolicy policy, @Nullable String self,
		AdaptiveSizingPolicy.@Nullable Share startShare, boolean othersLive, int planned, @Nullable Integer minIdle) {

	/**
	 * Plan adaptive sizing for a pool.
	 * @param request the pace and limits of adaptive sizing
	 * @param settings the pool's settings, sized
	 * @param server what the server reported at start-up
	 * @param budget the share of the server's usable connections the fleet may hold
	 * @param fixedInstances the instance count set by {@code pool.instances}, or
	 * {@code null} to count the live instances
	 * @param lockingMinimum the pool-locking minimum
	 * @param autoSized whether the size came from the sizing formula
	 * @param self this instance in the census
	 * @return how adaptive sizing runs
	 */
	public static AdaptiveSizing of(AdaptiveRequest request, ResolvedSettings<PostgresSettings> settings,
			ServerFacts server, double budget, @Nullable Integer fixedInstances, int lockingMinimum,
			boolean autoSized, String self) {
		request.validate();
		int planned = maxConnections(settings);
		int minimum = Math.max(request.minConnections(), lockingMinimum);
		AdaptiveSizingPolicy policy = new AdaptiveSizingPolicy(minimum,
				Math.max(minimum, maximum(settings, autoSized)), request.interval(), request.probeInterval(),
				request.tolerance(), request.serverUtilizationLimit(), budget, fixedInstances);
		AdaptiveSizingPolicy.Share share = server.isKnown()
				? policy.share(server.census(), server.usableConnections(), 0, self) : null;
		Integer minIdle = settings.value(PostgresSetting.MIN_IDLE);
		boolean othersLive = server.census().instances().stream().anyMatch((id) -> !id.equals(self));
		return new AdaptiveSizing(policy, self, share, othersLive, Math.max(minimum, planned),
				(minIdle != null && minIdle < planned) ? minIdle : null);
	}

	// An explicit size bounds the growth. `auto` only says where to start: what the formula
	// cannot know is the hold time that waits add, so the bound is the share of the fleet
	// budget, and the cap when one is set.
	private static int maximum(ResolvedSettings<PostgresSettings> settings, boolean autoSized) {
		if (!autoSized || behindPgBouncer(settings)) {
			return maxConnections(settings);
		}
		Integer cap = settings.value(PostgresSetting.MAX_CONNECTIONS_CAP);
		return (cap != null) ? cap : Integer.MAX_VALUE;
	}

	private static int maxConnections(ResolvedSettings<PostgresSettings> settings) {
		PoolSize size = settings.value(PostgresSetting.MAX_CONNECTIONS);
		Assert.state(size != null && !size.isAuto(), "'max-connections' must be sized before adaptive sizing");
		return size.connections();
	}

	/**
	 * Return the size the pool starts with: its share when no other instance is live, else
	 * the minimum (kept free by the others as headroom) until the others have seen this
	 * one and shrunk; the minimum too while the server is away.
	 */
	public int initialSize() {
		return (this.startShare != null && !this.othersLive)
				? Math.max(this.policy.minimum(), Math.min(this.planned, this.startShare.growthCeiling()))
				: this.policy.minimum();
	}

	/**
	 * Return the finder that decides each change.
	 * @param service the service, whose instances share the budget
	 * @return the finder
	 */
	public KneeFinder kneeFinder(String service) {
		return new KneeFinder(this.policy, service, this.self, initialSize(), this.startShare);
	}

	/**
	 * Describe the bounds, the start and the pace, for the start-up table.
	 * @return the description
	 */
	public String describe() {
		String start = (this.startShare != null) ? this.startShare.describe()
				+ ((this.startShare.heldByOthers() > 0) ? ", other instances hold " + this.startShare.heldByOthers()
						: "")
				: "server unknown at start-up";
		String maximum = (this.policy.maximum() == Integer.MAX_VALUE) ? "the share" : String.valueOf(this.policy.maximum());
		return "finds the throughput knee between " + this.policy.minimum() + " and " + maximum + ", starts at "
				+ initialSize() + " (" + start + "); windows of " + DurationFormat.format(this.policy.interval())
				+ ", probes down every " + DurationFormat.format(this.policy.probeInterval()) + " or more, tolerance "
				+ Math.round(this.policy.tolerance() * 100) + " %";
	}

	private static boolean behindPgBouncer(ResolvedSettings<PostgresSettings> settings) {
		PgBouncerMode mode = settings.value(PostgresSetting.PGBOUNCER);
		return mode != null && mode != PgBouncerMode.OFF;
	}

	/**
	 * Return why adaptive sizing cannot keep to the fleet budget with a pool's settings,
	 * if it cannot.
	 * @param poolName the pool
	 * @param settings the pool's settings
	 * @return the warning, or {@code null}
	 */
	public static @Nullable String warning(String poolName, ResolvedSettings<PostgresSettings> settings) {
		if (!behindPgBouncer(settings)) {
			return null;
		}
		return "Pool '" + poolName + "': pool.postgres.sizing=adaptive behind PgBouncer (pgbouncer="
				+ settings.value(PostgresSetting.PGBOUNCER).toString().toLowerCase(Locale.ROOT)
				+ "): the server's connections are PgBouncer's, so this instance's share of the server's budget "
				+ "says nothing about PgBouncer's limits; the pool follows the throughput knee up to max-connections="
				+ maxConnections(settings) + " only. Size PgBouncer's default_pool_size and max_client_conn for the fleet.";
	}

}
