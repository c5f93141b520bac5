package dev.poolstarter.postgres.metrics;

import io.micrometer.core.instrument.Tags;

import dev.poolstarter.postgres.PostgresPoolPlan;

/**
 * The tags every meter of a pool carries: service, profile, pool and role.
 *
 * @author pool-starter
 */
public final class PostgresMeterTags {

	private PostgresMeterTags() {
	}

	public static Tags of(PostgresPoolPlan plan) {
		return of(plan, plan.poolName(), "primary");
	}

	public static Tags of(PostgresPoolPlan plan, String poolName, String role) {
		return Tags.of("service", plan.selection().service(), "profile", plan.selection().profileName(), "pool",
				poolName, "role", role);
	}

}
