package dev.poolstarter.autoconfigure.redis;

import java.util.Map;

import dev.poolstarter.autoconfigure.profile.PoolSelection;
import dev.poolstarter.autoconfigure.profile.Resolved;

/**
 * The one compact start-up table of the Redis client's effective values and their
 * origins. It never holds a password.
 *
 * @author pool-starter
 */
final class RedisStartupReport {

	private RedisStartupReport() {
	}

	static String render(RedisClientPlan plan) {
		PoolSelection selection = plan.selection();
		StringBuilder table = new StringBuilder();
		table.append("Redis client (")
			.append(plan.mode().name().toLowerCase(java.util.Locale.ROOT))
			.append(", ")
			.append(plan.address())
			.append(") for ")
			.append(selection.describe())
			.append('\n');
		for (Map.Entry<String, Resolved<?>> entry : plan.settings().byKey().entrySet()) {
			Object value = entry.getValue().value();
			table.append(String.format("  %-26s %-24s %s%n", entry.getKey(),
					(value != null) ? RedisClientPlanner.display(entry.getKey(), value) : "-",
					(value != null) ? entry.getValue().origin() : "not set"));
		}
		return table.toString().stripTrailing();
	}

}
