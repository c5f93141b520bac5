package dev.poolstarter.postgres.settings;

import java.time.Duration;
import java.util.List;

import dev.poolstarter.settings.Setting;

/**
 * The layered PostgreSQL pool settings, in the order of the start-up table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PostgresSetting {

	public static final Setting<PostgresSettings, PoolSize> MAX_CONNECTIONS = Setting.of("max-connections",
			PostgresSettings::getMaxConnections);

	public static final Setting<PostgresSettings, Integer> MAX_CONNECTIONS_CAP = Setting.of("max-connections-cap",
			PostgresSettings::getMaxConnectionsCap);

	public static final Setting<PostgresSettings, Integer> MIN_IDLE = Setting.of("min-idle",
			PostgresSettings::getMinIdle);

	public static final Setting<PostgresSettings, Duration> POOL_TIMEOUT = Setting.of("pool-timeout",
			PostgresSettings::getPoolTimeout);

	public static final Setting<PostgresSettings, Duration> CONNECT_TIMEOUT = Setting.of("connect-timeout",
			PostgresSettings::getConnectTimeout);

	public static final Setting<PostgresSettings, Duration> SOCKET_TIMEOUT = Setting.of("socket-timeout",
			PostgresSettings::getSocketTimeout);

	public static final Setting<PostgresSettings, Duration> STATEMENT_TIMEOUT = Setting.of("statement-timeout",
			PostgresSettings::getStatementTimeout);

	public static final Setting<PostgresSettings, Duration> IDLE_IN_TRANSACTION_SESSION_TIMEOUT = Setting.of("idle-in-transaction-session-timeout",
			PostgresSettings::getIdleInTransactionSessionTimeout);

	public static final Setting<PostgresSettings, Duration> LOCK_TIMEOUT = Setting.of("lock-timeout",
			PostgresSettings::getLockTimeout);

	public static final Setting<PostgresSettings, Duration> MAX_LIFETIME = Setting.of("max-lifetime",
			PostgresSettings::getMaxLifetime);

	public static final Setting<PostgresSettings, Duration> IDLE_TIMEOUT = Setting.of("idle-timeout",
			PostgresSettings::getIdleTimeout);

	public static final Setting<PostgresSettings, Duration> KEEPALIVE = Setting.of("keepalive",
			PostgresSettings::getKeepalive);

	public static final Setting<PostgresSettings, Duration> VALIDATION_TIMEOUT = Setting.of("validation-timeout",
			PostgresSettings::getValidationTimeout);

	public static final Setting<PostgresSettings, Duration> LEAK_DETECTION_THRESHOLD = Setting.of("leak-detection-threshold",
			PostgresSettings::getLeakDetectionThreshold);

	public static final Setting<PostgresSettings, SslMode> SSL_MODE = Setting.of("ssl-mode",
			PostgresSettings::getSslMode);

	public static final Setting<PostgresSettings, Boolean> READ_ONLY = Setting.of("read-only",
			PostgresSettings::getReadOnly);

	public static final Setting<PostgresSettings, String> APPLICATION_NAME = Setting.of("application-name",
			PostgresSettings::getApplicationName);

	public static final Setting<PostgresSettings, String> SCHEMA = Setting.of("schema",
			PostgresSettings::getSchema);

	public static final Setting<PostgresSettings, Integer> STATEMENT_CACHE_SIZE = Setting.of("statement-cache-size",
			PostgresSettings::getStatementCacheSize);

	public static final Setting<PostgresSettings, PgBouncerMode> PGBOUNCER = Setting.of("pgbouncer",
			PostgresSettings::getPgbouncer);

	public static final Setting<PostgresSettings, Boolean> PGBOUNCER_PREPARED_STATEMENTS = Setting.of("pgbouncer-prepared-statements",
			PostgresSettings::getPgbouncerPreparedStatements);

	public static final Setting<PostgresSettings, BudgetCheckMode> BUDGET_CHECK = Setting.of("budget-check",
			PostgresSettings::getBudgetCheck);

	public static final Setting<PostgresSettings, Integer> CONNECTIONS_PER_TASK = Setting.of("connections-per-task",
			PostgresSettings::getConnectionsPerTask);

	public static final Setting<PostgresSettings, Duration> LOG_INTERVAL = Setting.of("log-interval",
			PostgresSettings::getLogInterval);

	/**
	 * Every layered setting, in the order of the start-up table.
	 */
	public static final List<Setting<PostgresSettings, ?>> ALL = List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_CAP, MIN_IDLE,
			POOL_TIMEOUT, CONNECT_TIMEOUT, SOCKET_TIMEOUT, STATEMENT_TIMEOUT, IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
			LOCK_TIMEOUT, MAX_LIFETIME, IDLE_TIMEOUT, KEEPALIVE, VALIDATION_TIMEOUT, LEAK_DETECTION_THRESHOLD,
			SSL_MODE, READ_ONLY, APPLICATION_NAME, SCHEMA, STATEMENT_CACHE_SIZE, PGBOUNCER, PGBOUNCER_PREPARED_STATEMENTS, BUDGET_CHECK,
			CONNECTIONS_PER_TASK, LOG_INTERVAL);

	private PostgresSetting() {
	}

}
