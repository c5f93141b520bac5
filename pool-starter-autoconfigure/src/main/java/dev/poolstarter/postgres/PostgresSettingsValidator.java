package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

import static dev.poolstarter.postgres.settings.PostgresSetting.CONNECTIONS_PER_TASK;
import static dev.poolstarter.postgres.settings.PostgresSetting.CONNECT_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.IDLE_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.KEEPALIVE;
import static dev.poolstarter.postgres.settings.PostgresSetting.LEAK_DETECTION_THRESHOLD;
import static dev.poolstarter.postgres.settings.PostgresSetting.LOCK_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.LOG_INTERVAL;
import static dev.poolstarter.postgres.settings.PostgresSetting.MAX_CONNECTIONS;
import static dev.poolstarter.postgres.settings.PostgresSetting.MAX_CONNECTIONS_CAP;
import static dev.poolstarter.postgres.settings.PostgresSetting.MAX_LIFETIME;
import static dev.poolstarter.postgres.settings.PostgresSetting.MIN_IDLE;
import static dev.poolstarter.postgres.settings.PostgresSetting.POOL_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.SOCKET_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.STATEMENT_CACHE_SIZE;
import static dev.poolstarter.postgres.settings.PostgresSetting.STATEMENT_TIMEOUT;
import static dev.poolstarter.postgres.settings.PostgresSetting.VALIDATION_TIMEOUT;

/**
 * Checks that the effective settings are possible and fit together across HikariCP
 * (milliseconds), pgjdbc (seconds) and PostgreSQL. A contradiction throws a
 * {@link PostgresSettingsException} naming both settings; a risky value becomes a warning.
 * Several checks exist because HikariCP silently replaces values it rejects.
 *
 * @author pool-starter
 */
class PostgresSettingsValidator {

	/**
	 * How far below an idle or lifetime limit imposed by the server or the network the
	 * max lifetime must stay, so that the pool retires a connection before it is cut.
	 */
	static final Duration LIFETIME_MARGIN = Duration.ofSeconds(5);

	private static final Duration HIKARI_TIMEOUT_FLOOR = Duration.ofMillis(250);

	private static final Duration MIN_LIFETIME = Duration.ofSeconds(30);

	private final String poolName;

	private final ResolvedSettings<PostgresSettings> settings;

	private final List<String> warnings = new ArrayList<>();

	PostgresSettingsValidator(String poolName, ResolvedSettings<PostgresSettings> settings) {
		this.poolName = poolName;
		this.settings = settings;
	}

	List<String> warnings() {
		return this.warnings;
	}

	void checkFleet(PostgresPoolRequest request, int instances) {
		PostgresPoolRequest.Fleet fleet = request.fleet();
		if (instances < 1) {
			fail("pool.instances=" + instances + " is below 1", "Set pool.instances to the number of instances, 1 or more.");
		}
		if (fleet.budget() <= 0 || fleet.budget() > 1) {
			fail("pool.postgres.budget=" + fleet.budget() + " is not a share above 0 and at most 1",
					"Set pool.postgres.budget to a share above 0 and at most 1, such as 0.8 (80 % of the usable "
							+ "connections).");
		}
		if (fleet.spindles() < 0) {
			fail("pool.postgres.spindles=" + fleet.spindles() + " is negative",
					"Set pool.postgres.spindles to 0 for SSDs, or to the number of disks.");
		}
		if (fleet.databaseCores() != null && fleet.databaseCores() < 1) {
			fail("pool.postgres.database-cores=" + fleet.databaseCores() + " is below 1",
					"Set pool.postgres.database-cores to the database server's core count, 1 or more.");
		}
		Integer perTask = this.settings.value(CONNECTIONS_PER_TASK);
		if (perTask != null && perTask > 1 && (fleet.taskThreads() == null || fleet.taskThreads() < 1)) {
			fail(show(CONNECTIONS_PER_TASK) + " needs pool.postgres.task-threads, the number of threads that may "
					+ "each hold that many connections",
					"Set pool.postgres.task-threads, for example to the web server's maximum threads.");
		}
		if (!request.failFast() && request.startupTimeout().compareTo(Duration.ZERO) <= 0) {
			fail("pool.postgres.startup-timeout=" + DurationFormat.format(request.startupTimeout())
					+ " leaves no time to reach the database",
					"Set pool.postgres.startup-timeout to a positive time such as 30s, or pool.postgres.fail-fast=true.");
		}
		Duration networkIdle = request.networkIdleTimeout();
		if (networkIdle != null && networkIdle.compareTo(Duration.ZERO) > 0) {
			checkLifetimeBelow(networkIdle, "pool.postgres.network-idle-timeout=" + DurationFormat.format(networkIdle));
		}
	}

	void checkStatic() {
		checkSizes();
		checkTimeouts();
		checkTimeoutChain();
	}

	void checkServer(ServerFacts facts) {
		if (facts.idleSessionTimeout().compareTo(Duration.ZERO) > 0) {
			checkLifetimeBelow(facts.idleSessionTimeout(),
					"the server's idle_session_timeout=" + DurationFormat.format(facts.idleSessionTimeout()));
		}
	}

	void checkMinIdle(int maxConnections) {
		Integer minIdle = this.settings.value(MIN_IDLE);
		if (minIdle != null && minIdle > maxConnections) {
			fail(show(MIN_IDLE) + " is above the maximum pool size " + maxConnections + " ("
					+ this.settings.get(MAX_CONNECTIONS).origin() + ")",
					"Set pool.postgres.min-idle to at most " + maxConnections + ", or raise pool.postgres.max-connections.");
		}
	}

	private void checkSizes() {
		PoolSize max = this.settings.value(MAX_CONNECTIONS);
		if (max != null && !max.isAuto() && max.connections() < 1) {
			fail(show(MAX_CONNECTIONS) + " is below 1: the pool could never lend a connection",
					"Set pool.postgres.max-connections to 1 or more, or to 'auto' for the sizing formula.");
		}
		atLeast(MAX_CONNECTIONS_CAP, 1, "1 or more, or leave it unset for no cap");
		atLeast(MIN_IDLE, 0, "0 or more");
		atLeast(CONNECTIONS_PER_TASK, 1, "1 or more");
		atLeast(STATEMENT_CACHE_SIZE, 0, "0 (no cache) or more");
		if (max != null && !max.isAuto()) {
			checkMinIdle(max.connections());
		}
	}

	private void checkTimeouts() {
		positive(POOL_TIMEOUT, HIKARI_TIMEOUT_FLOOR, "HikariCP's shortest", "the profiles' value is 10s");
		positive(CONNECT_TIMEOUT, Duration.ofSeconds(1), "pgjdbc counts whole seconds and 0 means no limit",
				"the profiles' value is 5s");
		positive(VALIDATION_TIMEOUT, HIKARI_TIMEOUT_FLOOR, "HikariCP's shortest", "HikariCP's default is 5s");
		positive(MAX_LIFETIME, MIN_LIFETIME, "HikariCP's shortest", "HikariCP's default is 30m");
		notNegative(SOCKET_TIMEOUT);
		notNegative(STATEMENT_TIMEOUT);
		notNegative(IDLE_IN_TRANSACTION_SESSION_TIMEOUT);
		notNegative(LOCK_TIMEOUT);
		notNegative(LOG_INTERVAL);
		zeroOrAtLeast(IDLE_TIMEOUT, Duration.ofSeconds(10), "HikariCP raises shorter idle timeouts to 10s");
		zeroOrAtLeast(KEEPALIVE, Duration.ofSeconds(30), "HikariCP silently disables a keepalive below 30s");
		zeroOrAtLeast(LEAK_DETECTION_THRESHOLD, Duration.ofSeconds(2),
				"HikariCP silently disables leak detection below 2s");
	}

	private void checkTimeoutChain() {
		Duration validation = this.settings.value(VALIDATION_TIMEOUT);
		Duration poolTimeout = this.settings.value(POOL_TIMEOUT);
		if (validation != null && poolTimeout != null && validation.compareTo(poolTimeout) >= 0) {
			// HikariCP tests a connection for at least 250ms, so a pool timeout at that floor
			// leaves no room for any validation timeout: the pool timeout is what must change
			String action = (poolTimeout.compareTo(HIKARI_TIMEOUT_FLOOR) <= 0)
					? "Set pool.postgres.pool-timeout above " + DurationFormat.format(HIKARI_TIMEOUT_FLOOR)
							+ ", for example to 500ms: HikariCP's connection test takes up to at least "
							+ DurationFormat.format(HIKARI_TIMEOUT_FLOOR) + "."
					: "Set pool.postgres.validation-timeout below the pool timeout, for example to "
							+ DurationFormat.format(max(poolTimeout.dividedBy(2), HIKARI_TIMEOUT_FLOOR)) + ".";
			fail(show(VALIDATION_TIMEOUT) + " is not below " + show(POOL_TIMEOUT)
					+ ": a borrow could time out while the pool is still testing a connection", action);
		}
		Duration maxLifetime = this.settings.value(MAX_LIFETIME);
		belowLifetime(KEEPALIVE, maxLifetime, "HikariCP silently disables a keepalive that is not below it");
		belowLifetime(LEAK_DETECTION_THRESHOLD, maxLifetime, "HikariCP silently disables leak detection above it");
		Duration idle = this.settings.value(IDLE_TIMEOUT);
		if (idle != null && maxLifetime != null && idle.compareTo(Duration.ZERO) > 0
				&& idle.plusSeconds(1).compareTo(maxLifetime) > 0) {
			fail(show(IDLE_TIMEOUT) + " is not at least 1s below " + show(MAX_LIFETIME)
					+ ": HikariCP would silently turn idle eviction off",
					"Set pool.postgres.idle-timeout below the max lifetime, for example to "
							+ DurationFormat.format(maxLifetime.dividedBy(3)) + ".");
		}
		Duration socket = this.settings.value(SOCKET_TIMEOUT);
		Duration statement = this.settings.value(STATEMENT_TIMEOUT);
		if (isOn(socket) && isOn(statement) && socket.compareTo(statement) <= 0) {
			fail(show(SOCKET_TIMEOUT) + " is not above " + show(STATEMENT_TIMEOUT)
					+ ": the driver would drop the connection before the server cancels the statement",
					"Set pool.postgres.socket-timeout to at least "
							+ DurationFormat.format(statement.plusSeconds(15)) + ", or 0 to turn it off.");
		}
		Duration connect = this.settings.value(CONNECT_TIMEOUT);
		if (connect != null && poolTimeout != null && connect.compareTo(poolTimeout) > 0) {
			this.warnings.add(show(CONNECT_TIMEOUT) + " is above " + show(POOL_TIMEOUT)
					+ ": callers give up before a new connection can be opened");
		}
	}

	private void checkLifetimeBelow(Duration limit, String limitDescription) {
		Duration maxLifetime = this.settings.value(MAX_LIFETIME);
		if (maxLifetime != null && maxLifetime.compareTo(limit.minus(LIFETIME_MARGIN)) > 0) {
			Duration suggested = limit.minus(limit.dividedBy(10).compareTo(LIFETIME_MARGIN) > 0 ? limit.dividedBy(10)
					: LIFETIME_MARGIN);
			if (suggested.compareTo(MIN_LIFETIME) < 0) {
				fail(show(MAX_LIFETIME) + " cannot stay " + LIFETIME_MARGIN.toSeconds() + "s below " + limitDescription
						+ ": HikariCP's shortest max lifetime is 30s",
						"Raise that idle limit to at least " + DurationFormat.format(MIN_LIFETIME.plus(LIFETIME_MARGIN))
								+ ", or let a pooler such as PgBouncer hold the connections.");
			}
			fail(show(MAX_LIFETIME) + " is not at least " + LIFETIME_MARGIN.toSeconds() + "s below " + limitDescription
					+ ": connections would be cut under the pool, and the next borrower gets a broken one",
					"Set pool.postgres.max-lifetime to " + DurationFormat.format(suggested) + " or less"
							+ idleTimeoutBelow(suggested) + ".");
		}
	}

	/**
	 * Return the idle timeout to set with a shorter max lifetime, so that following the
	 * advice does not break the idle-timeout rule next.
	 */
	private String idleTimeoutBelow(Duration maxLifetime) {
		Duration idle = this.settings.value(IDLE_TIMEOUT);
		if (idle == null || !isOn(idle) || idle.plusSeconds(1).compareTo(maxLifetime) <= 0) {
			return "";
		}
		return ", and pool.postgres.idle-timeout below it, for example to "
				+ DurationFormat.format(max(maxLifetime.dividedBy(3), Duration.ofSeconds(10)));
	}

	private void belowLifetime(Setting<PostgresSettings, Duration> setting, @Nullable Duration maxLifetime, String why) {
		Duration value = this.settings.value(setting);
		if (isOn(value) && maxLifetime != null && value.compareTo(maxLifetime) >= 0) {
			fail(show(setting) + " is not below " + show(MAX_LIFETIME) + ": " + why,
					"Set pool.postgres." + setting.key() + " below the max lifetime, or 0 to turn it off.");
		}
	}

	private void atLeast(Setting<PostgresSettings, Integer> setting, int minimum, String valueToUse) {
		Integer value = this.settings.value(setting);
		if (value != null && value < minimum) {
			fail(show(setting) + " is below " + minimum,
					"Set pool.postgres." + setting.key() + " to " + valueToUse + ".");
		}
	}

	private void positive(Setting<PostgresSettings, Duration> setting, Duration minimum, String why,
			String usual) {
		Duration value = this.settings.value(setting);
		if (value != null && value.compareTo(minimum) < 0) {
			fail(show(setting) + " is below " + DurationFormat.format(minimum) + " (" + why + ")",
					"Set pool.postgres." + setting.key() + " to at least " + DurationFormat.format(minimum) + "; "
							+ usual + ".");
		}
	}

	private void notNegative(Setting<PostgresSettings, Duration> setting) {
		Duration value = this.settings.value(setting);
		if (value != null && value.isNegative()) {
			fail(show(setting) + " is negative", "Set pool.postgres." + setting.key() + " to 0 (off) or more.");
		}
	}

	private void zeroOrAtLeast(Setting<PostgresSettings, Duration> setting, Duration minimum, String why) {
		Duration value = this.settings.value(setting);
		if (value != null && (value.isNegative() || (isOn(value) && value.compareTo(minimum) < 0))) {
			fail(show(setting) + " is neither 0 nor at least " + DurationFormat.format(minimum) + ": " + why,
					"Set pool.postgres." + setting.key() + " to 0 (off) or at least " + DurationFormat.format(minimum)
							+ ".");
		}
	}

	private static boolean isOn(@Nullable Duration duration) {
		return duration != null && duration.compareTo(Duration.ZERO) > 0;
	}

	private String show(Setting<PostgresSettings, ?> setting) {
		Resolved<?> resolved = this.settings.get(setting);
		Object value = resolved.value();
		return setting.key() + "=" + ((value != null) ? DurationFormat.formatValue(value) : "unset") + " (from "
				+ resolved.origin() + ")";
	}

	private void fail(String problem, String action) {
		throw new PostgresSettingsException(this.poolName, problem, action);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
