package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Explicit PostgreSQL settings ({@code pool.postgres}): the layered pool settings, which
 * win over every other layer, plus what only makes sense once per application.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresProperties extends PostgresPoolSettings {

	/**
	 * Whether the starter builds the application's PostgreSQL pool.
	 */
	private boolean enabled = true;

	/**
	 * Database URL: postgresql://user:password@host:port/database?connection_limit=...,
	 * postgres://... or jdbc:postgresql://... A service connection (Docker Compose,
	 * Testcontainers) wins over it. Defaults to the DATABASE_URL environment variable,
	 * then to spring.datasource.url.
	 */
	private @Nullable String url;

	/**
	 * Login user. Defaults to the URL's user, then to spring.datasource.username.
	 */
	private @Nullable String username;

	/**
	 * Login password. Defaults to the URL's password, then to spring.datasource.password.
	 */
	private @Nullable String password;

	/**
	 * Number of cores of the database server, for the sizing formula. Defaults to the
	 * number of processors available to this JVM.
	 */
	private @Nullable Integer databaseCores;

	/**
	 * Number of effective spindles of the database server, for the sizing formula: 0 for
	 * SSDs or a working set that fits in memory.
	 */
	private int spindles = 0;

	/**
	 * Share of the server's usable connections (max_connections less reserved ones) that
	 * this service's fleet may hold.
	 */
	private double budget = 0.8;

	/**
	 * Number of threads that may each hold several connections at once, for the
	 * pool-locking minimum. Defaults to none; required when connections-per-task is above
	 * 1.
	 */
	private @Nullable Integer taskThreads;

	/**
	 * Idle limit of a NAT gateway, load balancer or proxy between the application and the
	 * server; the max lifetime must stay below it. Defaults to none known.
	 */
	private @Nullable Duration networkIdleTimeout;

	/**
	 * Whether start-up fails at once when the database cannot be reached, instead of
	 * retrying within the start-up timeout and then starting without it.
	 */
	private boolean failFast = false;

	/**
	 * Longest time start-up retries an unreachable database (backoff 1s doubling to 10s)
	 * before the application starts without it and the pool connects when it answers.
	 */
	private Duration startupTimeout = Duration.ofSeconds(30);

	/**
	 * URL of PgBouncer's admin console, such as
	 * postgresql://stats:password@pgbouncer:6432/pgbouncer, for its pools and statistics
	 * in health and metrics and for checking its version at start-up. Defaults to none.
	 */
	private @Nullable String pgbouncerAdminUrl;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable Integer getDatabaseCores() {
		return this.databaseCores;
	}

	public void setDatabaseCores(@Nullable Integer databaseCores) {
		this.databaseCores = databaseCores;
	}

	public int getSpindles() {
		return this.spindles;
	}

	public void setSpindles(int spindles) {
		this.spindles = spindles;
	}

	public double getBudget() {
		return this.budget;
	}

	public void setBudget(double budget) {
		this.budget = budget;
	}

	public @Nullable Integer getTaskThreads() {
		return this.taskThreads;
	}

	public void setTaskThreads(@Nullable Integer taskThreads) {
		this.taskThreads = taskThreads;
	}

	public @Nullable Duration getNetworkIdleTimeout() {
		return this.networkIdleTimeout;
	}

	public void setNetworkIdleTimeout(@Nullable Duration networkIdleTimeout) {
		this.networkIdleTimeout = networkIdleTimeout;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public @Nullable String getPgbouncerAdminUrl() {
		return this.pgbouncerAdminUrl;
	}

	public void setPgbouncerAdminUrl(@Nullable String pgbouncerAdminUrl) {
		this.pgbouncerAdminUrl = pgbouncerAdminUrl;
	}

}
