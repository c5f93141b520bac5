package dev.poolstarter.postgres.pgbouncer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

/**
 * Checks, behind PgBouncer in transaction mode, that the server applies the pool's
 * timeouts by itself. PgBouncer drops start-up options and moves sessions between server
 * connections, so a per-session SET does not last; role or database defaults
 * ({@code ALTER ROLE ... SET}) do, for every statement, at no cost per transaction.
 *
 * @author pool-starter
 */
public final class RoleTimeoutsCheck {

	private static final Map<Setting<PostgresSettings, Duration>, String> PARAMETERS = Map.of(
			PostgresSetting.STATEMENT_TIMEOUT, "statement_timeout", PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
			"idle_in_transaction_session_timeout", PostgresSetting.LOCK_TIMEOUT, "lock_timeout");

	private static final List<Setting<PostgresSettings, Duration>> ORDER = List.of(
			PostgresSetting.STATEMENT_TIMEOUT, PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
			PostgresSetting.LOCK_TIMEOUT);

	private RoleTimeoutsCheck() {
	}

	/**
	 * Return whether the server applies a timeout as the pool wants it.
	 * @param setting the timeout setting
	 * @param settings the pool's settings
	 * @param server what the server said, through PgBouncer
	 * @return whether the session had the wanted value; {@code null} when not known
	 */
	public static @Nullable Boolean applied(Setting<PostgresSettings, Duration> setting,
			ResolvedSettings<PostgresSettings> settings, ServerFacts server) {
		Duration wanted = settings.value(setting);
		Duration actual = server.sessionTimeouts().get(PARAMETERS.get(setting));
		if (wanted == null || actual == null) {
			return null;
		}
		return wanted.toMillis() == actual.toMillis();
	}

	/**
	 * Return a warning with the statements that make the server apply the pool's
	 * timeouts, or {@code null} when it does.
	 * @param settings the pool's settings
	 * @param server what the server said, through PgBouncer
	 * @return the warning or {@code null}
	 */
	public static @Nullable String check(ResolvedSettings<PostgresSettings> settings, ServerFacts server) {
		List<String> differences = new ArrayList<>();
		List<String> statements = new ArrayList<>();
		for (Setting<PostgresSettings, Duration> setting : ORDER) {
			if (Boolean.FALSE.equals(applied(setting, settings, server))) {
				String parameter = PARAMETERS.get(setting);
				Resolved<Duration> wanted = settings.get(setting);
				differences.add(parameter + " is " + describe(server.sessionTimeouts().get(parameter)) + ", "
						+ setting.key() + " wants " + describe(wanted.value()) + " (" + origin(wanted.origin()) + ")");
				statements.add("ALTER ROLE " + identifier(server.role()) + " IN DATABASE "
						+ identifier(server.database()) + " SET " + parameter + " = '" + literal(wanted.value()) + "';");
			}
		}
		if (differences.isEmpty()) {
			return null;
		}
		return "pgbouncer=transaction: PgBouncer drops start-up options, and the server does not apply the pool's "
				+ "timeouts to role " + identifier(server.role()) + " in database " + identifier(server.database())
				+ ": " + String.join("; ", differences) + ". Set them on the role (as that role or a superuser), "
				+ "then run RECONNECT on PgBouncer's admin console so that its server connections pick them up:\n    "
				+ String.join("\n    ", statements);
	}

	private static String origin(String origin) {
		int marker = origin.indexOf("; not sent");
		return (marker >= 0) ? origin.substring(0, marker) : origin;
	}

	private static String describe(@Nullable Duration value) {
		if (value == null) {
			return "not set";
		}
		return value.isZero() ? "0 (off)" : DurationFormat.formatValue(value);
	}

	/**
	 * Return a value PostgreSQL reads exactly: whole seconds as {@code 30s}, else
	 * milliseconds (PostgreSQL's minute unit is {@code min}, not {@code m}).
	 */
	static String literal(@Nullable Duration value) {
		if (value == null || value.isZero()) {
			return "0";
		}
		long millis = value.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
