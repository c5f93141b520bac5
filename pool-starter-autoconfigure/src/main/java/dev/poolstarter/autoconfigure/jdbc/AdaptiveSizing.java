package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.DurationFormat;
import dev.poolstarter.autoconfigure.profile.PgBouncerMode;
import dev.poolstarter.autoconfigure.profile.PostgresProperties;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.SizingMode;
import dev.poolstarter.jdbc.AdaptiveSizer;
import dev.poolstarter.jdbc.AdaptiveSizingPolicy;
import dev.poolstarter.jdbc.FleetCensus;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Adaptive sizing of a planned pool ({@code pool.postgres.sizing=adaptive}): its bounds
 * and pace from {@code pool.postgres.adaptive.*}, and the size it starts with, the share
 * of the fleet budget that the census at start-up leaves it.
 *
 * @param policy the bounds and pace
 * @param self this instance's id in application_name, or {@code null}
 * @param startShare the share at start-up, or {@code null} when the server did not answer
 * @param othersLive whether other instances of the service held connections at start-up
 * @param minIdle the configured minimum idle connections, or {@code null} for a
 * fixed-size pool
 * @author pool-starter
 */
record AdaptiveSizing(AdaptiveSizingPolicy policy, @Nullable String self,
		AdaptiveSizingPolicy.@Nullable Share startShare, boolean othersLive, int planned, @Nullable Integer minIdle) {

	private static final String PREFIX = "pool.postgres.adaptive.";

	static boolean isAdaptive(PostgresPoolPlan plan) {
		return plan.selection().properties().getPostgres().getSizing() == SizingMode.ADAPTIVE;
	}

	static AdaptiveSizing of(PostgresPoolPlan plan) {
		PostgresProperties explicit = plan.selection().properties().getPostgres();
		PostgresProperties.Adaptive adaptive = explicit.getAdaptive();
		validate(adaptive);
		int minimum = Math.max(adaptive.getMinConnections(), lockingMinimum(plan));
		AdaptiveSizingPolicy policy = new AdaptiveSizingPolicy(minimum, Math.max(minimum, maximum(plan)),
				adaptive.getStep(), adaptive.getGrowAfter(), adaptive.getShrinkAfter(), adaptive.getInterval(),
				adaptive.getCoolDown(), adaptive.getServerUtilizationLimit(), explicit.getBudget(),
				plan.selection().properties().getInstances());
		String self = FleetCensus.instanceOf(plan.selection().service(), plan.applicationName());
		AdaptiveSizingPolicy.Share share = plan.server().isKnown()
				? policy.share(plan.server().census(), plan.server().usableConnections(), 0, self) : null;
		Integer minIdle = plan.settings().value(PostgresSetting.MIN_IDLE);
		boolean othersLive = plan.server().census().instances().stream().anyMatch((id) -> !id.equals(self));
		return new AdaptiveSizing(policy, self, share, othersLive, Math.max(minimum, plan.maxConnections()),
				(minIdle != null && minIdle < plan.maxConnections()) ? minIdle : null);
	}

	// An explicit size bounds the growth. `auto` only says where to start: what the formula
	// cannot know is the hold time that waits add, so the bound is the share of the fleet
	// budget, and the cap when one is set.
	private static int maximum(PostgresPoolPlan plan) {
		if (!plan.autoSized() || behindPgBouncer(plan)) {
			return plan.maxConnections();
		}
		Integer cap = plan.settings().value(PostgresSetting.MAX_CONNECTIONS_CAP);
		return (cap != null) ? cap : Integer.MAX_VALUE;
	}

	/**
	 * Return the size the pool starts with: its share when no other instance is live, else
	 * the minimum (kept free by the others as headroom) until the others have seen this
	 * one and shrunk; the minimum too while the server is away.
	 */
	int initialSize() {
		return (this.startShare != null && !this.othersLive)
				? Math.max(this.policy.minimum(), Math.min(this.planned, this.startShare.growthCeiling()))
				: this.policy.minimum();
	}

	AdaptiveSizer sizer(String service) {
		return new AdaptiveSizer(this.policy, service, this.self, initialSize(), this.startShare);
	}

	String describe() {
		String start = (this.startShare != null) ? this.startShare.describe()
				+ ((this.startShare.heldByOthers() > 0) ? ", other instances hold " + this.startShare.heldByOthers()
						: "")
				: "server unknown at start-up";
		String maximum = (this.policy.maximum() == Integer.MAX_VALUE) ? "the share" : String.valueOf(this.policy.maximum());
		return "between " + this.policy.minimum() + " and " + maximum + ", starts at " + initialSize()
				+ " (" + start + "); every " + DurationFormat.format(this.policy.interval()) + ", step "
				+ this.policy.step() + ", grow after " + this.policy.growAfter() + ", shrink after "
				+ this.policy.shrinkAfter() + " samples, cool-down " + DurationFormat.format(this.policy.coolDown());
	}

	static boolean behindPgBouncer(PostgresPoolPlan plan) {
		PgBouncerMode mode = plan.settings().value(PostgresSetting.PGBOUNCER);
		return mode != null && mode != PgBouncerMode.OFF;
	}

	/**
	 * Return why adaptive sizing cannot keep to the fleet budget with this plan, if it
	 * cannot.
	 * @param plan the pool's plan
	 * @return the warning, or {@code null}
	 */
	static @Nullable String warning(PostgresPoolPlan plan) {
		if (!behindPgBouncer(plan)) {
			return null;
		}
		return "Pool '" + plan.poolName() + "': pool.postgres.sizing=adaptive behind PgBouncer (pgbouncer="
				+ plan.settings().value(PostgresSetting.PGBOUNCER).toString().toLowerCase(Locale.ROOT)
				+ "): the server's connections are PgBouncer's, so this instance's share of the server's budget "
				+ "says nothing about PgBouncer's limits; the pool grows with demand up to max-connections="
				+ plan.maxConnections() + " only. Size PgBouncer's default_pool_size and max_client_conn for the fleet.";
	}

	private static int lockingMinimum(PostgresPoolPlan plan) {
		Integer perTask = plan.settings().value(PostgresSetting.CONNECTIONS_PER_TASK);
		Integer threads = plan.selection().properties().getPostgres().getTaskThreads();
		return (perTask != null && perTask > 1 && threads != null) ? threads * (perTask - 1) + 1 : 1;
	}

	private static void validate(PostgresProperties.Adaptive adaptive) {
		positive("interval", adaptive.getInterval());
		atLeastOne("min-connections", adaptive.getMinConnections());
		atLeastOne("step", adaptive.getStep());
		atLeastOne("grow-after", adaptive.getGrowAfter());
		atLeastOne("shrink-after", adaptive.getShrinkAfter());
		if (adaptive.getCoolDown().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "cool-down", adaptive.getCoolDown(),
					"must be 0 or more");
		}
		double limit = adaptive.getServerUtilizationLimit();
		if (limit <= 0 || limit > 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "server-utilization-limit", limit,
					"must be a share above 0 and at most 1, such as 0.8");
		}
	}

	private static void positive(String key, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, value, "must be positive, such as 5s");
		}
	}

	private static void atLeastOne(String key, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, value, "must be 1 or more");
		}
	}

}
