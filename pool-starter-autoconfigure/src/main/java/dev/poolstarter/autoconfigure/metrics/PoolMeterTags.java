package dev.poolstarter.autoconfigure.metrics;

import io.micrometer.core.instrument.Tags;

import dev.poolstarter.autoconfigure.jdbc.PostgresPoolPlan;

/**
 * The tags every meter of a pool carries: service, profile, pool and role.
 *
 * @author pool-starter
 */
final class PoolMeterTags {

	private PoolMeterTags() {
	}

	static Tags of(PostgresPoolPlan plan) {
		return of(plan, plan.poolName(), "primary");
	}

	static Tags of(PostgresPoolPlan plan, String poolName, String role) {
		return Tags.of("service", plan.selection().service(), "profile", plan.selection().tier().profileName(), "pool",
				poolName, "role", role);
	}

}
