package dev.poolstarter.autoconfigure.postgres;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.autoconfigure.PostgresProperties;
import dev.poolstarter.postgres.PostgresPoolRequest;
import dev.poolstarter.postgres.adaptive.AdaptiveRequest;
import dev.poolstarter.postgres.pool.CircuitBreakerPolicy;
import dev.poolstarter.postgres.replica.ReplicaRequest;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * Turns the {@code pool.postgres.*} properties that are not layered, the
 * {@code spring.datasource.*} properties, {@code DATABASE_URL} and a service connection
 * into what the PostgreSQL planners take.
 *
 * @author pool-starter
 */
final class PostgresRequests {

	private static final String DATABASE_URL = "DATABASE_URL";

	private PostgresRequests() {
	}

	static PostgresPoolRequest postgres(PoolProperties properties, Environment environment,
			@Nullable JdbcConnectionDetails connectionDetails) {
		PostgresProperties postgres = properties.getPostgres();
		SpringDataSourceLayers spring = new SpringDataSourceLayers(environment);
		return new PostgresPoolRequest(serviceConnection(connectionDetails),
				new PostgresPoolRequest.Source(postgres.getUrl(), postgres.getUsername(), postgres.getPassword()),
				environment.getProperty(DATABASE_URL),
				new PostgresPoolRequest.Source(spring.url(), spring.username(), spring.password()), spring.hikariLayer(),
				new PostgresPoolRequest.Fleet(properties.getInstances(), postgres.getDatabaseCores(),
						postgres.getSpindles(), postgres.getBudget(), postgres.getTaskThreads()),
				postgres.isFailFast(), postgres.getStartupTimeout(), postgres.getNetworkIdleTimeout(),
				postgres.getPgbouncerAdminUrl(), adaptive(postgres), circuitBreaker(postgres));
	}

	private static @Nullable CircuitBreakerPolicy circuitBreaker(PostgresProperties postgres) {
		PostgresProperties.CircuitBreaker breaker = postgres.getCircuitBreaker();
		return breaker.isEnabled() ? new CircuitBreakerPolicy(breaker.getFailures(), breaker.getOpenFor()).validate()
				: null;
	}

	static ReplicaRequest replicas(PostgresProperties postgres) {
		PostgresProperties.Replica replica = postgres.getReplica();
		return new ReplicaRequest(postgres.getReplicas(), replica.getMaxConnections(), replica.getFallback(),
				replica.getMaxLag(), replica.getCheckInterval(), postgres.isFailFast());
	}

	/**
	 * A service connection (Docker Compose, Testcontainers) comes first, as in Spring Boot,
	 * so that tests and local runs never reach a database named by an ambient
	 * DATABASE_URL.
	 */
	private static PostgresPoolRequest.@Nullable Source serviceConnection(
			@Nullable JdbcConnectionDetails connectionDetails) {
		if (connectionDetails == null) {
			return null;
		}
		return new PostgresPoolRequest.Source(connectionDetails.getJdbcUrl(), connectionDetails.getUsername(),
				connectionDetails.getPassword());
	}

	private static AdaptiveRequest adaptive(PostgresProperties postgres) {
		PostgresProperties.Adaptive adaptive = postgres.getAdaptive();
		return new AdaptiveRequest(postgres.getSizing(), adaptive.getInterval(), adaptive.getMinConnections(),
				adaptive.getProbeInterval(), adaptive.getTolerance(), adaptive.getServerUtilizationLimit());
	}

}
