package dev.poolstarter.postgres.metrics;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.poolstarter.postgres.PostgresPoolPlan;

/**
 * The tags every meter of a pool carries: service, profile, pool and role.
 *
 * @author pool-starter
 */
public final class PostgresMeterTags {

	private PostgresMeterTags() {
	}

	/**
	 * Return the tags of the primary pool's meters.
	 * @param plan the pool's plan
	 * @return the tags
	 */
	public static Tags of(PostgresPoolPlan plan) {
		return of(plan, plan.poolName(), "primary");
	}

	/**
	 * Return a filter that gives HikariCP's meters of the named pools the tags of the
	 * starter's meters, so that one vocabulary of tags covers both.
	 * @param plan the primary pool's plan, for service and profile
	 * @param poolNames the pools whose meters are tagged
	 * @param role the role of those pools: primary or replica
	 * @return the filter
	 */
	public static MeterFilter hikariFilter(PostgresPoolPlan plan, List<String> poolNames, String role) {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				String pool = id.getTag("pool");
				boolean ours = id.getName().startsWith("hikaricp.") && pool != null && poolNames.contains(pool);
				return ours ? id.withTags(of(plan, pool, role)) : id;
			}

		};
	}

	/**
	 * Return the tags of a pool's meters.
	 * @param plan the primary pool's plan, for service and profile
	 * @param poolName the pool
	 * @param role the pool's role: primary or replica
	 * @return the tags
	 */
	public static Tags of(PostgresPoolPlan plan, String poolName, String role) {
		return Tags.of("service", plan.selection().service(), "profile", plan.selection().profileName(), "pool",
				poolName, "role", role);
	}

}
