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
		return Tags.of("service", plan.selection().service(), "profile", plan.selection().tier().profileName(), "pool",
				plan.poolName(), "role", "primary");
	}

}
