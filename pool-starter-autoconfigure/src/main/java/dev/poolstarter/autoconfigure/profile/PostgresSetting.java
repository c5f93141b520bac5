package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One layered PostgreSQL pool setting: its property name and how to read and write it on
 * a {@link PostgresPoolSettings}.
 *
 * @param <T> the value type
 * @param key the property name below {@code pool.postgres}, such as {@code max-connections}
 * @param getter reads the setting from a layer
 * @param setter writes the setting to a layer
 * @author pool-starter
 * @since 0.1.0
 */
public record PostgresSetting<T>(String key, Function<PostgresPoolSettings, @Nullable T> getter,
		BiConsumer<PostgresPoolSettings, @Nullable T> setter) {

	public static final PostgresSetting<PoolSize> MAX_CONNECTIONS = new PostgresSetting<>("max-connections",
			PostgresPoolSettings::getMaxConnections, PostgresPoolSettings::setMaxConnections);

	public static final PostgresSetting<Integer> MAX_CONNECTIONS_CAP = new PostgresSetting<>("max-connections-cap",
			PostgresPoolSettings::getMaxConnectionsCap, PostgresPoolSettings::setMaxConnectionsCap);

	public static final PostgresSetting<Integer> MIN_IDLE = new PostgresSetting<>("min-idle",
			PostgresPoolSettings::getMinIdle, PostgresPoolSettings::setMinIdle);

	public static final PostgresSetting<Duration> POOL_TIMEOUT = new PostgresSetting<>("pool-timeout",
			PostgresPoolSettings::getPoolTimeout, PostgresPoolSettings::setPoolTimeout);

	public static final PostgresSetting<Duration> CONNECT_TIMEOUT = new PostgresSetting<>("connect-timeout",
			PostgresPoolSettings::getConnectTimeout, PostgresPoolSettings::setConnectTimeout);

	public static final PostgresSetting<Duration> SOCKET_TIMEOUT = new PostgresSetting<>("socket-timeout",
			PostgresPoolSettings::getSocketTimeout, PostgresPoolSettings::setSocketTimeout);

	public static final PostgresSetting<Duration> STATEMENT_TIMEOUT = new PostgresSetting<>("statement-timeout",
			PostgresPoolSettings::getStatementTimeout, PostgresPoolSettings::setStatementTimeout);

	public static final PostgresSetting<Duration> IDLE_IN_TRANSACTION_SESSION_TIMEOUT = new PostgresSetting<>(
			"idle-in-transaction-session-timeout", PostgresPoolSettings::getIdleInTransactionSessionTimeout,
			PostgresPoolSettings::setIdleInTransactionSessionTimeout);

	public static final PostgresSetting<Duration> LOCK_TIMEOUT = new PostgresSetting<>("lock-timeout",
			PostgresPoolSettings::getLockTimeout, PostgresPoolSettings::setLockTimeout);

	public static final PostgresSetting<Duration> MAX_LIFETIME = new PostgresSetting<>("max-lifetime",
			PostgresPoolSettings::getMaxLifetime, PostgresPoolSettings::setMaxLifetime);

	public static final PostgresSetting<Duration> IDLE_TIMEOUT = new PostgresSetting<>("idle-timeout",
			PostgresPoolSettings::getIdleTimeout, PostgresPoolSettings::setIdleTimeout);

	public static final PostgresSetting<Duration> KEEPALIVE = new PostgresSetting<>("keepalive",
			PostgresPoolSettings::getKeepalive, PostgresPoolSettings::setKeepalive);

	public static final PostgresSetting<Duration> VALIDATION_TIMEOUT = new PostgresSetting<>("validation-timeout",
			PostgresPoolSettings::getValidationTimeout, PostgresPoolSettings::setValidationTimeout);

	public static final PostgresSetting<Duration> LEAK_DETECTION_THRESHOLD = new PostgresSetting<>(
			"leak-detection-threshold", PostgresPoolSettings::getLeakDetectionThreshold,
			PostgresPoolSettings::setLeakDetectionThreshold);

	public static final PostgresSetting<SslMode> SSL_MODE = new PostgresSetting<>("ssl-mode",
			PostgresPoolSettings::getSslMode, PostgresPoolSettings::setSslMode);

	public static final PostgresSetting<Boolean> READ_ONLY = new PostgresSetting<>("read-only",
			PostgresPoolSettings::getReadOnly, PostgresPoolSettings::setReadOnly);

	public static final PostgresSetting<String> APPLICATION_NAME = new PostgresSetting<>("application-name",
			PostgresPoolSettings::getApplicationName, PostgresPoolSettings::setApplicationName);

	public static final PostgresSetting<String> SCHEMA = new PostgresSetting<>("schema",
			PostgresPoolSettings::getSchema, PostgresPoolSettings::setSchema);

	public static final PostgresSetting<Integer> STATEMENT_CACHE_SIZE = new PostgresSetting<>("statement-cache-size",
			PostgresPoolSettings::getStatementCacheSize, PostgresPoolSettings::setStatementCacheSize);

	public static final PostgresSetting<PgBouncerMode> PGBOUNCER = new PostgresSetting<>("pgbouncer",
			PostgresPoolSettings::getPgbouncer, PostgresPoolSettings::setPgbouncer);

	public static final PostgresSetting<BudgetCheck> BUDGET_CHECK = new PostgresSetting<>("budget-check",
			PostgresPoolSettings::getBudgetCheck, PostgresPoolSettings::setBudgetCheck);

	public static final PostgresSetting<Integer> CONNECTIONS_PER_TASK = new PostgresSetting<>("connections-per-task",
			PostgresPoolSettings::getConnectionsPerTask, PostgresPoolSettings::setConnectionsPerTask);

	/**
	 * Every layered setting, in the order of the start-up table.
	 */
	public static final List<PostgresSetting<?>> ALL = List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_CAP, MIN_IDLE,
			POOL_TIMEOUT, CONNECT_TIMEOUT, SOCKET_TIMEOUT, STATEMENT_TIMEOUT, IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
			LOCK_TIMEOUT, MAX_LIFETIME, IDLE_TIMEOUT, KEEPALIVE, VALIDATION_TIMEOUT, LEAK_DETECTION_THRESHOLD,
			SSL_MODE, READ_ONLY, APPLICATION_NAME, SCHEMA, STATEMENT_CACHE_SIZE, PGBOUNCER, BUDGET_CHECK,
			CONNECTIONS_PER_TASK);

	/**
	 * Return the full property name of this setting in the explicit layer.
	 * @return the property name, such as {@code pool.postgres.max-connections}
	 */
	public String propertyName() {
		return "pool.postgres." + this.key;
	}

}
