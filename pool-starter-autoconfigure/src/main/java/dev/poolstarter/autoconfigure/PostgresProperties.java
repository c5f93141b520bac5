package dev.poolstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.adaptive.SizingMode;
import dev.poolstarter.postgres.replica.ReplicaFallback;
import dev.poolstarter.postgres.settings.PostgresSettings;

import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Explicit PostgreSQL settings ({@code pool.postgres}): the layered pool settings, which
 * win over every other layer, plus what only makes sense once per application.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresProperties extends PostgresSettings {

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

	/**
	 * How the maximum pool size is managed: 'auto' sizes adaptively when max-connections
	 * is 'auto' and keeps a number fixed; 'adaptive' follows the server's throughput knee
	 * between a minimum and this instance's share of the fleet budget, up to an explicit
	 * max-connections; 'fixed' keeps the size decided at start-up.
	 */
	private SizingMode sizing = SizingMode.AUTO;

	/**
	 * Adaptive sizing, when the pool is sized adaptively.
	 */
	private final Adaptive adaptive = new Adaptive();

	/**
	 * The circuit breaker that stops borrows from waiting for a database out of reach.
	 */
	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	/**
	 * Reads that run once more on a fresh connection when their connection failed.
	 */
	private final ReadRetry readRetry = new ReadRetry();

	/**
	 * Comma-separated list of read replica URLs, in the forms the url accepts, each with
	 * a pool of its own that serves read-only transactions. Credentials a URL leaves out
	 * are the primary's. Defaults to none.
	 */
	private List<String> replicas = new ArrayList<>();

	private final Replica replica = new Replica();

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

	public List<String> getReplicas() {
		return this.replicas;
	}

	public void setReplicas(List<String> replicas) {
		this.replicas = replicas;
	}

	public Replica getReplica() {
		return this.replica;
	}

	/**
	 * Settings of the read replica pools ({@code pool.postgres.replica}).
	 */
	public static class Replica {

		/**
		 * Maximum size of each replica's pool. Defaults to the primary's max-connections.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * Where read-only work goes when no replica can take it: primary, or fail.
		 */
		private ReplicaFallback fallback = ReplicaFallback.PRIMARY;

		/**
		 * Replication lag above which a replica gets no reads and health is DEGRADED.
		 */
		private Duration maxLag = Duration.ofSeconds(10);

		/**
		 * How often each replica's reachability and replication lag are sampled.
		 */
		private Duration checkInterval = Duration.ofSeconds(5);

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public ReplicaFallback getFallback() {
			return this.fallback;
		}

		public void setFallback(ReplicaFallback fallback) {
			this.fallback = fallback;
		}

		public Duration getMaxLag() {
			return this.maxLag;
		}

		public void setMaxLag(Duration maxLag) {
			this.maxLag = maxLag;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	public SizingMode getSizing() {
		return this.sizing;
	}

	public void setSizing(SizingMode sizing) {
		this.sizing = sizing;
	}

	public Adaptive getAdaptive() {
		return this.adaptive;
	}

	public ReadRetry getReadRetry() {
		return this.readRetry;
	}

	/**
	 * Settings of read retries ({@code pool.postgres.read-retry}).
	 */
	public static class ReadRetry {

		/**
		 * Whether a read-only transaction, or a JdbcTemplate query outside a transaction,
		 * whose connection failed under it (SQL state 08xxx, 57P01 to 57P03) runs once more
		 * on a fresh connection. Writes never run again.
		 */
		private boolean enabled = true;

		/**
		 * Pause before the second run; a random jitter of as much again is added.
		 */
		private Duration pause = Duration.ofMillis(50);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPause() {
			return this.pause;
		}

		public void setPause(Duration pause) {
			this.pause = pause;
		}

	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Settings of the circuit breaker ({@code pool.postgres.circuit-breaker}).
	 */
	public static class CircuitBreaker {

		/**
		 * Whether borrows fail at once, with HTTP 503 and Retry-After, once several in a row
		 * waited the whole pool timeout because the database did not answer.
		 */
		private boolean enabled = true;

		/**
		 * Borrows in a row that waited the whole pool timeout because the database did not
		 * answer, after which borrows with no idle connection fail at once.
		 */
		private int failures = 3;

		/**
		 * How long borrows fail at once before one is let through to wait for a
		 * connection; a new connection closes the breaker at any time.
		 */
		private Duration openFor = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getFailures() {
			return this.failures;
		}

		public void setFailures(int failures) {
			this.failures = failures;
		}

		public Duration getOpenFor() {
			return this.openFor;
		}

		public void setOpenFor(Duration openFor) {
			this.openFor = openFor;
		}

	}

	/**
	 * Settings of adaptive sizing ({@code pool.postgres.adaptive}).
	 */
	public static class Adaptive {

		private static final String DEPRECATION = "the pool follows the server's throughput knee, probing "
				+ "sizes window by window, instead of counting samples of demand";

		/**
		 * Length of a window: adaptive sizing judges a size on the connections given back
		 * and the time held in a window or two.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * Smallest maximum pool size; raised to the pool-locking minimum when
		 * connections-per-task is above 1.
		 */
		private int minConnections = 1;

		/**
		 * Time between two probes of a smaller size at steady load; it doubles, up to 8
		 * times, while the probes find the size right, and a change of workload resets it.
		 */
		private Duration probeInterval = Duration.ofSeconds(20);

		/**
		 * Change of throughput within which two sizes count as equal: a smaller size is
		 * kept when throughput falls by less, and a larger one must add at least twice as
		 * much.
		 */
		private double tolerance = 0.03;

		/**
		 * Share of the server's usable connections in use at or above which the pool does
		 * not grow.
		 */
		private double serverUtilizationLimit = 0.8;

		/**
		 * Connections added or removed by one change. No longer used.
		 */
		private @Nullable Integer step;

		/**
		 * Consecutive samples with threads waiting before the pool grew. No longer used.
		 */
		private @Nullable Integer growAfter;

		/**
		 * Consecutive samples with idle connections before the pool shrank. No longer used.
		 */
		private @Nullable Integer shrinkAfter;

		/**
		 * Time after a change during which demand and idleness changed nothing. No longer
		 * used.
		 */
		private @Nullable Duration coolDown;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getMinConnections() {
			return this.minConnections;
		}

		public void setMinConnections(int minConnections) {
			this.minConnections = minConnections;
		}

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

		public double getTolerance() {
			return this.tolerance;
		}

		public void setTolerance(double tolerance) {
			this.tolerance = tolerance;
		}

		public double getServerUtilizationLimit() {
			return this.serverUtilizationLimit;
		}

		public void setServerUtilizationLimit(double serverUtilizationLimit) {
			this.serverUtilizationLimit = serverUtilizationLimit;
		}

		/**
		 * Connections added or removed by one change. No longer used.
		 * @return the step
		 */
		@DeprecatedConfigurationProperty(reason = DEPRECATION, since = "0.1.0")
		@Deprecated(since = "0.1.0", forRemoval = true)
		public @Nullable Integer getStep() {
			return this.step;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setStep(@Nullable Integer step) {
			this.step = step;
		}

		/**
		 * Consecutive samples with threads waiting before the pool grew. No longer used.
		 * @return the count
		 */
		@DeprecatedConfigurationProperty(reason = DEPRECATION, since = "0.1.0")
		@Deprecated(since = "0.1.0", forRemoval = true)
		public @Nullable Integer getGrowAfter() {
			return this.growAfter;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setGrowAfter(@Nullable Integer growAfter) {
			this.growAfter = growAfter;
		}

		/**
		 * Consecutive samples with idle connections before the pool shrank. No longer
		 * used.
		 * @return the count
		 */
		@DeprecatedConfigurationProperty(reason = DEPRECATION, since = "0.1.0")
		@Deprecated(since = "0.1.0", forRemoval = true)
		public @Nullable Integer getShrinkAfter() {
			return this.shrinkAfter;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setShrinkAfter(@Nullable Integer shrinkAfter) {
			this.shrinkAfter = shrinkAfter;
		}

		/**
		 * Time after a change during which demand and idleness changed nothing. No longer
		 * used.
		 * @return the time
		 */
		@DeprecatedConfigurationProperty(reason = DEPRECATION, since = "0.1.0")
		@Deprecated(since = "0.1.0", forRemoval = true)
		public @Nullable Duration getCoolDown() {
			return this.coolDown;
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setCoolDown(@Nullable Duration coolDown) {
			this.coolDown = coolDown;
		}

	}

}
