package dev.poolstarter.autoconfigure.jdbc;

import java.util.Map;

import dev.poolstarter.autoconfigure.profile.DurationFormat;
import dev.poolstarter.autoconfigure.profile.PoolSelection;
import dev.poolstarter.autoconfigure.profile.Resolved;

/**
 * The one compact start-up table of a pool's effective values and their origins. It
 * never holds a password.
 *
 * @author pool-starter
 */
final class StartupReport {

	private StartupReport() {
	}

	static String render(PostgresPoolPlan plan) {
		PoolSelection selection = plan.selection();
		StringBuilder table = new StringBuilder();
		table.append("PostgreSQL pool '")
			.append(plan.poolName())
			.append("' for ")
			.append(selection.describe())
			.append('\n');
		row(table, "url", plan.connection().url().displayUrl(), plan.connection().url().source());
		row(table, "username", String.valueOf(plan.connection().username()), plan.connection().usernameOrigin());
		for (Map.Entry<String, Resolved<?>> entry : plan.settings().byKey().entrySet()) {
			Object value = entry.getValue().value();
			row(table, entry.getKey(), (value != null) ? DurationFormat.formatValue(value) : unset(entry.getKey()),
					entry.getValue().origin());
		}
		row(table, "fleet budget", plan.budget().describe(plan.maxConnections()), "server " + plan.server().version());
		return table.toString().stripTrailing();
	}

	/**
	 * Describe a setting that nothing sets: the server decides it, or there is none.
	 */
	private static String unset(String key) {
		return switch (key) {
			case "max-connections-cap" -> "none";
			case "min-idle" -> "= max-connections (HikariCP)";
			case "socket-timeout" -> "none (pgjdbc)";
			default -> "(server's)";
		};
	}

	private static void row(StringBuilder table, String name, String value, String origin) {
		table.append(String.format("  %-36s %-24s %s%n", name, value, origin));
	}

}
