package dev.poolstarter.redis;

import java.util.Locale;
import java.util.Map;

import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.SettingsTable;

/**
 * The one compact start-up table of the Redis client's effective values and their
 * origins. It never holds a password.
 *
 * @author pool-starter
 */
public final class RedisStartupReport {

	private RedisStartupReport() {
	}

	public static String render(RedisClientPlan plan) {
		SettingsTable table = new SettingsTable("Redis client (" + plan.mode().name().toLowerCase(Locale.ROOT) + ", "
				+ plan.address() + ") for " + plan.selection().describe());
		for (Map.Entry<String, Resolved<?>> entry : plan.settings().byKey().entrySet()) {
			Object value = entry.getValue().value();
			table.row(entry.getKey(), (value != null) ? RedisClientPlanner.display(entry.getKey(), value) : "-",
					(value != null) ? entry.getValue().origin() : "not set");
		}
		return table.toString();
	}

}
