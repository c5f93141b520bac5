package dev.poolstarter.postgres;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.adaptive.AdaptiveRequest;
import dev.poolstarter.postgres.pool.CircuitBreakerPolicy;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.Layer;

/**
 * What the application says about its PostgreSQL pool besides the layered settings:
 * where to connect, from every source the planner weighs, the facts of the fleet, how
 * long start-up may wait for the server, and how the pool is sized. The auto-configuration
 * gathers it from {@code pool.*}, {@code spring.datasource.*}, the environment and a
 * service connection.
 *
 * @param serviceConnection what a Spring Boot service connection (Docker Compose,
 * Testcontainers) names, the strongest source, or {@code null}
 * @param explicit {@code pool.postgres.url}, {@code username} and {@code password}
 * @param databaseUrl the {@code DATABASE_URL} environment variable, or {@code null}
 * @param springDataSource {@code spring.datasource.url}, {@code username} and
 * {@code password}, the weakest source
 * @param hikari the {@code spring.datasource.hikari.*} values of the layered settings
 * @param fleet the facts of the fleet that share the server
 * @param failFast whether start-up stops at the first failed attempt to reach the server
 * @param startupTimeout how long start-up tries to reach the server
 * @param networkIdleTimeout the idle timeout of the network between the pool and the
 * server, or {@code null}
 * @param pgbouncerAdminUrl the URL of PgBouncer's admin console, or {@code null}
 * @param adaptive how the size is managed, and the pace of adaptive sizing
 * @param circuitBreaker when borrows stop waiting for a database out of reach, or
 * {@code null} without a circuit breaker
 * @author pool-starter
 * @since 0.1.0
 */
public record PostgresPoolRequest(@Nullable Source serviceConnection, Source explicit, @Nullable String databaseUrl,
		Source springDataSource, Layer<PostgresSettings> hikari, Fleet fleet, boolean failFast,
		Duration startupTimeout, @Nullable Duration networkIdleTimeout, @Nullable String pgbouncerAdminUrl,
		AdaptiveRequest adaptive, @Nullable CircuitBreakerPolicy circuitBreaker) {

	/**
	 * A source of the database's address and credentials.
	 *
	 * @param url the URL, or {@code null}
	 * @param username the user, or {@code null}
	 * @param password the password, or {@code null}
	 */
	public record Source(@Nullable String url, @Nullable String username, @Nullable String password) {

		/**
		 * A source that names nothing.
		 */
		public static final Source NONE = new Source(null, null, null);

	}

	/**
	 * The facts of the fleet of instances that share the server.
	 *
	 * @param instances {@code pool.instances}, or {@code null} to count the instances
	 * live on the server
	 * @param databaseCores the database server's cores, or {@code null} for this host's
	 * @param spindles the effective spindles of the sizing formula
	 * @param budget the share of the server's usable connections the fleets may take
	 * @param taskThreads the threads that run tasks holding several connections, or
	 * {@code null}
	 */
	public record Fleet(@Nullable Integer instances, @Nullable Integer databaseCores, int spindles, double budget,
			@Nullable Integer taskThreads) {

	}

}
