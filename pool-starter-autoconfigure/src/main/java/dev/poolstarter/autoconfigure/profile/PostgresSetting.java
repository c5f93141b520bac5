package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;
import java.util.List;

/**
 * The layered PostgreSQL pool settings, in the order of the start-up table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PostgresSetting {

	public static final ClientSetting<PostgresPoolSettings, PoolSize> MAX_CONNECTIONS = new ClientSetting<>("max-connections",
			PostgresPoolSettings::getMaxConnections);

	public static final ClientSetting<PostgresPoolSettings, Integer> MAX_CONNECTIONS_CAP = new ClientSetting<>("max-connections-cap",
			PostgresPoolSettings::getMaxConnectionsCap);

	public static final ClientSetting<PostgresPoolSettings, Integer> MIN_IDLE = new ClientSetting<>("min-idle",
			PostgresPoolSettings::getMinIdle);

	public static final ClientSetting<PostgresPoolSettings, Duration> POOL_TIMEOUT = new ClientSetting<>("pool-timeout",
			PostgresPoolSettings::getPoolTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> CONNECT_TIMEOUT = new ClientSetting<>("connect-timeout",
			PostgresPoolSettings::getConnectTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> SOCKET_TIMEOUT = new ClientSetting<>("socket-timeout",
			PostgresPoolSettings::getSocketTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> STATEMENT_TIMEOUT = new ClientSetting<>("statement-timeout",
			PostgresPoolSettings::getStatementTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> IDLE_IN_TRANSACTION_SESSION_TIMEOUT = new ClientSetting<>("idle-in-transaction-session-timeout",
			PostgresPoolSettings::getIdleInTransactionSessionTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> LOCK_TIMEOUT = new ClientSetting<>("lock-timeout",
			PostgresPoolSettings::getLockTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> MAX_LIFETIME = new ClientSetting<>("max-lifetime",
			PostgresPoolSettings::getMaxLifetime);

	public static final ClientSetting<PostgresPoolSettings, Duration> IDLE_TIMEOUT = new ClientSetting<>("idle-timeout",
			PostgresPoolSettings::getIdleTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> KEEPALIVE = new ClientSetting<>("keepalive",
			PostgresPoolSettings::getKeepalive);

	public static final ClientSetting<PostgresPoolSettings, Duration> VALIDATION_TIMEOUT = new ClientSetting<>("validation-timeout",
			PostgresPoolSettings::getValidationTimeout);

	public static final ClientSetting<PostgresPoolSettings, Duration> LEAK_DETECTION_THRESHOLD = new ClientSetting<>("leak-detection-threshold",
			PostgresPoolSettings::getLeakDetectionThreshold);

	public static final ClientSetting<PostgresPoolSettings, SslMode> SSL_MODE = new ClientSetting<>("ssl-mode",
			PostgresPoolSettings::getSslMode);

	public static final ClientSetting<PostgresPoolSettings, Boolean> READ_ONLY = new ClientSetting<>("read-only",
			PostgresPoolSettings::getReadOnly);

	public static final ClientSetting<PostgresPoolSettings, String> APPLICATION_NAME = new ClientSetting<>("application-name",
			PostgresPoolSettings::getApplicationName);

	public static final ClientSetting<PostgresPoolSettings, String> SCHEMA = new ClientSetting<>("schema",
			PostgresPoolSettings::getSchema);

	public static final ClientSetting<PostgresPoolSettings, Integer> STATEMENT_CACHE_SIZE = new ClientSetting<>("statement-cache-size",
			PostgresPoolSettings::getStatementCacheSize);

	public static final ClientSetting<PostgresPoolSettings, PgBouncerMode> PGBOUNCER = new ClientSetting<>("pgbouncer",
			PostgresPoolSettings::getPgbouncer);

	public static final ClientSetting<PostgresPoolSettings, Boolean> PGBOUNCER_PREPARED_STATEMENTS = new ClientSetting<>("pgbouncer-prepared-statements",
			PostgresPoolSettings::getPgbouncerPreparedStatements);

	public static final ClientSetting<PostgresPoolSettings, BudgetCheck> BUDGET_CHECK = new ClientSetting<>("budget-check",
			PostgresPoolSettings::getBudgetCheck);

	public static final ClientSetting<PostgresPoolSettings, Integer> CONNECTIONS_PER_TASK = new ClientSetting<>("connections-per-task",
			PostgresPoolSettings::getConnectionsPerTask);

	/**
	 * Every layered setting, in the order of the start-up table.
	 */
	public static final List<ClientSetting<PostgresPoolSettings, ?>> ALL = List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_CAP, MIN_IDLE,
			POOL_TIMEOUT, CONNECT_TIMEOUT, SOCKET_TIMEOUT, STATEMENT_TIMEOUT, IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
			LOCK_TIMEOUT, MAX_LIFETIME, IDLE_TIMEOUT, KEEPALIVE, VALIDATION_TIMEOUT, LEAK_DETECTION_THRESHOLD,
			SSL_MODE, READ_ONLY, APPLICATION_NAME, SCHEMA, STATEMENT_CACHE_SIZE, PGBOUNCER, PGBOUNCER_PREPARED_STATEMENTS, BUDGET_CHECK,
			CONNECTIONS_PER_TASK);

	private PostgresSetting() {
	}

}
