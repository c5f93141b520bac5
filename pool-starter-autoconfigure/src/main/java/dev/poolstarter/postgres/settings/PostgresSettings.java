package dev.poolstarter.postgres.settings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of a PostgreSQL pool that every layer can set: explicit properties
 * ({@code pool.postgres}), per-service entries ({@code pool.services.<name>.postgres}) and
 * profile tables ({@code pool.profiles.<profile>.postgres}). A {@code null} value means
 * "not set in this layer".
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresSettings {

	/**
	 * Maximum number of connections in the pool, or 'auto' for the sizing formula
	 * (database cores x 2 + spindles, shared among the instances). Defaults to the
	 * profile's value: dev 5, staging 10, prod 15, prod-high-traffic auto, serverless 1.
	 */
	private @Nullable PoolSize maxConnections;

	/**
	 * Upper bound of an 'auto' maximum pool size. Defaults to the profile's value: 30 in
	 * prod-high-traffic, no bound elsewhere.
	 */
	private @Nullable Integer maxConnectionsCap;

	/**
	 * Minimum number of idle connections the pool keeps open. Defaults to the profile's
	 * value: 1 in dev, 0 in serverless, the maximum pool size (a fixed-size pool)
	 * elsewhere.
	 */
	private @Nullable Integer minIdle;

	/**
	 * Longest time a caller waits to borrow a connection before it fails.
	 */
	private @Nullable Duration poolTimeout;

	/**
	 * Longest time to open a TCP connection to the server, rounded up to whole seconds.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Longest time a read from the server may block, rounded up to whole seconds; 0
	 * disables it. Defaults to the statement timeout plus 15s.
	 */
	private @Nullable Duration socketTimeout;

	/**
	 * Server-side statement_timeout of every pooled connection; 0 disables it.
	 */
	private @Nullable Duration statementTimeout;

	/**
	 * Server-side idle_in_transaction_session_timeout of every pooled connection; 0
	 * disables it.
	 */
	private @Nullable Duration idleInTransactionSessionTimeout;

	/**
	 * Server-side lock_timeout of every pooled connection; 0 disables it. Defaults to the
	 * server's setting.
	 */
	private @Nullable Duration lockTimeout;

	/**
	 * Longest life of a pooled connection; keep it several seconds below any idle or
	 * lifetime limit of the server, a proxy or the network.
	 */
	private @Nullable Duration maxLifetime;

	/**
	 * How long a connection above the minimum idle count may sit idle before it is
	 * closed.
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * How often an idle connection is tested to keep it alive; at least 30s and below the
	 * max lifetime, or 0 to disable.
	 */
	private @Nullable Duration keepalive;

	/**
	 * Longest time a connection test may take; must be below the pool timeout.
	 */
	private @Nullable Duration validationTimeout;

	/**
	 * How long a connection may be borrowed before it is reported as a possible leak; 0
	 * disables it. Defaults to the profile's value: 10s in dev, 60s elsewhere.
	 */
	private @Nullable Duration leakDetectionThreshold;

	/**
	 * SSL mode of the connections. When not set, pgjdbc's own rules apply, so ssl=true in
	 * a JDBC URL means verify-full.
	 */
	private @Nullable SslMode sslMode;

	/**
	 * Whether connections are read-only by default.
	 */
	private @Nullable Boolean readOnly;

	/**
	 * Name shown in pg_stat_activity.application_name. Defaults to the service name and
	 * the instance id, as 'service/instance'.
	 */
	private @Nullable String applicationName;

	/**
	 * Schema set as the connections' search path. Defaults to the server's search_path.
	 */
	private @Nullable String schema;

	/**
	 * Number of prepared statements each connection caches; 0 also turns server-side
	 * prepared statements off.
	 */
	private @Nullable Integer statementCacheSize;

	/**
	 * Pooling mode of a PgBouncer between the application and the server.
	 */
	private @Nullable PgBouncerMode pgbouncer;

	/**
	 * Whether server-side prepared statements stay on in PgBouncer transaction mode,
	 * which needs PgBouncer 1.21 or newer with max_prepared_statements above 0; when off,
	 * pgjdbc never prepares on the server (prepareThreshold=0).
	 */
	private @Nullable Boolean pgbouncerPreparedStatements;

	/**
	 * What to do when the fleet's connections exceed the server's budget. Defaults to the
	 * profile's value: fail in prod and prod-high-traffic, warn elsewhere.
	 */
	private @Nullable BudgetCheckMode budgetCheck;

	/**
	 * Most connections one task (thread) holds at once; above 1 the pool is kept above
	 * HikariCP's pool-locking minimum, threads x (connections-per-task - 1) + 1.
	 */
	private @Nullable Integer connectionsPerTask;

	/**
	 * How often the pool logs one INFO line of its activity: active, idle, waiting and
	 * maximum connections, borrows per second, the 99th percentile of the time to borrow,
	 * the mean time held and the server's utilization; 0 disables it. Defaults to the
	 * profile's value: 0 in dev and serverless, 1m elsewhere.
	 */
	private @Nullable Duration logInterval;

	public @Nullable PoolSize getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable PoolSize maxConnections) {
		this.maxConnections = maxConnections;
	}

	public @Nullable Integer getMaxConnectionsCap() {
		return this.maxConnectionsCap;
	}

	public void setMaxConnectionsCap(@Nullable Integer maxConnectionsCap) {
		this.maxConnectionsCap = maxConnectionsCap;
	}

	public @Nullable Integer getMinIdle() {
		return this.minIdle;
	}

	public void setMinIdle(@Nullable Integer minIdle) {
		this.minIdle = minIdle;
	}

	public @Nullable Duration getPoolTimeout() {
		return this.poolTimeout;
	}

	public void setPoolTimeout(@Nullable Duration poolTimeout) {
		this.poolTimeout = poolTimeout;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getSocketTimeout() {
		return this.socketTimeout;
	}

	public void setSocketTimeout(@Nullable Duration socketTimeout) {
		this.socketTimeout = socketTimeout;
	}

	public @Nullable Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(@Nullable Duration statementTimeout) {
		this.statementTimeout = statementTimeout;
	}

	public @Nullable Duration getIdleInTransactionSessionTimeout() {
		return this.idleInTransactionSessionTimeout;
	}

	public void setIdleInTransactionSessionTimeout(@Nullable Duration idleInTransactionSessionTimeout) {
		this.idleInTransactionSessionTimeout = idleInTransactionSessionTimeout;
	}

	public @Nullable Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(@Nullable Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public @Nullable Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	public void setMaxLifetime(@Nullable Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public @Nullable Duration getKeepalive() {
		return this.keepalive;
	}

	public void setKeepalive(@Nullable Duration keepalive) {
		this.keepalive = keepalive;
	}

	public @Nullable Duration getValidationTimeout() {
		return this.validationTimeout;
	}

	public void setValidationTimeout(@Nullable Duration validationTimeout) {
		this.validationTimeout = validationTimeout;
	}

	public @Nullable Duration getLeakDetectionThreshold() {
		return this.leakDetectionThreshold;
	}

	public void setLeakDetectionThreshold(@Nullable Duration leakDetectionThreshold) {
		this.leakDetectionThreshold = leakDetectionThreshold;
	}

	public @Nullable SslMode getSslMode() {
		return this.sslMode;
	}

	public void setSslMode(@Nullable SslMode sslMode) {
		this.sslMode = sslMode;
	}

	public @Nullable Boolean getReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(@Nullable Boolean readOnly) {
		this.readOnly = readOnly;
	}

	public @Nullable String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public @Nullable Integer getStatementCacheSize() {
		return this.statementCacheSize;
	}

	public void setStatementCacheSize(@Nullable Integer statementCacheSize) {
		this.statementCacheSize = statementCacheSize;
	}

	public @Nullable PgBouncerMode getPgbouncer() {
		return this.pgbouncer;
	}

	public void setPgbouncer(@Nullable PgBouncerMode pgbouncer) {
		this.pgbouncer = pgbouncer;
	}

	public @Nullable Boolean getPgbouncerPreparedStatements() {
		return this.pgbouncerPreparedStatements;
	}

	public void setPgbouncerPreparedStatements(@Nullable Boolean pgbouncerPreparedStatements) {
		this.pgbouncerPreparedStatements = pgbouncerPreparedStatements;
	}

	public @Nullable BudgetCheckMode getBudgetCheck() {
		return this.budgetCheck;
	}

	public void setBudgetCheck(@Nullable BudgetCheckMode budgetCheck) {
		this.budgetCheck = budgetCheck;
	}

	public @Nullable Integer getConnectionsPerTask() {
		return this.connectionsPerTask;
	}

	public void setConnectionsPerTask(@Nullable Integer connectionsPerTask) {
		this.connectionsPerTask = connectionsPerTask;
	}

	public @Nullable Duration getLogInterval() {
		return this.logInterval;
	}

	public void setLogInterval(@Nullable Duration logInterval) {
		this.logInterval = logInterval;
	}

}
