package dev.poolstarter.postgres;

import java.util.Map;

import dev.poolstarter.postgres.adaptive.AdaptiveSizing;
import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.SettingsTable;

/**
 * The one compact start-up table of a pool's effective values and their origins. It
 * never holds a password.
 *
 * @author pool-starter
 */
public final class PostgresStartupReport {

	private PostgresStartupReport() {
	}

	/**
	 * Render the start-up table of a plan.
	 * @param plan the plan
	 * @return the table
	 */
	public static String render(PostgresPoolPlan plan) {
		SettingsTable table = new SettingsTable(
				"PostgreSQL pool '" + plan.poolName() + "' for " + plan.selection().describe());
		table.row("url", plan.connection().url().displayUrl(), plan.connection().url().source());
		table.row("username", String.valueOf(plan.connection().username()), plan.connection().usernameOrigin());
		for (Map.Entry<String, Resolved<?>> entry : plan.settings().byKey().entrySet()) {
			Object value = entry.getValue().value();
			table.row(entry.getKey(), (value != null) ? DurationFormat.formatValue(value) : unset(entry.getKey()),
					entry.getValue().origin());
		}
		table.row("instances", String.valueOf(plan.budget().instances()), plan.instancesOrigin());
		if (plan.server().isKnown()) {
			table.row("other connections", String.valueOf(plan.server().census().otherConnections()),
					"other applications in pg_stat_activity");
		}
		AdaptiveSizing adaptive = plan.adaptive();
		if (adaptive != null) {
			FleetBudget budget = plan.budget();
			table.row("fleet budget", budget.isKnown() ? budget.fleetConnections() + " connections (budget "
					+ budget.budget() + " x (max_connections " + budget.maxConnections() + " - reserved "
					+ budget.reservedConnections() + ")), shared adaptively" : "unknown until the server answers",
					"server " + plan.server().version());
			table.row("sizing", "adaptive", plan.autoSized()
					? "pool.postgres.sizing: max-connections is auto, the formula is where it starts"
					: "pool.postgres.sizing=adaptive, up to max-connections");
			table.row("adaptive", adaptive.describe(), "pool.postgres.adaptive.*");
		}
		else {
			table.row("fleet budget", plan.budget().describe(plan.maxConnections()), "server " + plan.server().version());
			table.row("sizing", "fixed", plan.autoSized() ? "pool.postgres.sizing=fixed"
					: "pool.postgres.sizing: max-connections is a number");
		}
		if (plan.pgbouncer() != null) {
			table.row("pgbouncer", plan.pgbouncer().describe(), PgBouncerAdminProbe.PROPERTY + " "
					+ plan.pgbouncer().address());
		}
		return table.toString();
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

}
