package dev.poolstarter.sample.devservers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server the sample needs, with the keys that configure it and the properties that point
 * the application at one.
 *
 * @author pool-starter
 */
enum DevServer {

	/**
	 * PostgreSQL, through the starter's pool.
	 */
	POSTGRES("postgres", "PostgreSQL", 5432, List.of("pool.postgres.url", "DATABASE_URL", "spring.datasource.url")),

	/**
	 * Redis, for the cache.
	 */
	REDIS("redis", "Redis", 6379,
			List.of("pool.redis.url", "pool.redis.host", "pool.redis.cluster-nodes", "pool.redis.sentinel-master",
					"REDIS_URL", "REDIS_HOST", "REDIS_CLUSTER_NODES", "spring.data.redis.url", "spring.data.redis.host",
					"spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.master")),

	/**
	 * Kafka, for the listing events.
	 */
	KAFKA("kafka", "Kafka", 9092,
			List.of("pool.kafka.bootstrap-servers", "KAFKA_BROKERS", "spring.kafka.bootstrap-servers"));

	private final String id;

	private final String product;

	private final int localPort;

	private final List<String> addressKeys;

	DevServer(String id, String product, int localPort, List<String> addressKeys) {
		this.id = id;
		this.product = product;
		this.localPort = localPort;
		this.addressKeys = addressKeys;
	}

	/**
	 * Return the short name, also the Docker Compose service and profile.
	 */
	String id() {
		return this.id;
	}

	String product() {
		return this.product;
	}

	int localPort() {
		return this.localPort;
	}

	/**
	 * Return the keys (properties or environment variables) that name this server, in the
	 * order the starter reads them: when any is set, the sample leaves the server alone.
	 */
	List<String> addressKeys() {
		return this.addressKeys;
	}

	/**
	 * Return the properties that point the application at a server on the given address.
	 */
	Map<String, Object> connectionProperties(Address address) {
		Map<String, Object> properties = new LinkedHashMap<>();
		switch (this) {
			case POSTGRES -> {
				properties.put("spring.datasource.url", "jdbc:postgresql://" + address + "/postgres");
				properties.put("spring.datasource.username", "postgres");
			}
			case REDIS -> {
				properties.put("spring.data.redis.host", address.host());
				properties.put("spring.data.redis.port", address.port());
			}
			case KAFKA -> properties.put("spring.kafka.bootstrap-servers", address.toString());
		}
		return properties;
	}

	/**
	 * Return the properties needed when Docker Compose runs this server: none where Spring
	 * Boot derives a service connection from the container.
	 */
	Map<String, Object> composeProperties() {
		// Spring Boot 4.1 has service connections for the postgres and redis images but
		// none for Kafka: compose.yaml publishes the broker on its fixed local port
		return (this != KAFKA) ? Map.of() : connectionProperties(Address.loopback(this.localPort));
	}

}
