package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Root of the {@code pool.*} property tree.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@ConfigurationProperties("pool")
public class PoolProperties {

	/**
	 * Profile whose table supplies the defaults: dev, staging, prod, prod-high-traffic or
	 * serverless. Defaults to the last active Spring profile with one of those names,
	 * else dev.
	 */
	private @Nullable String profile;

	/**
	 * Name of this service; selects its pool.services entry and starts its
	 * application_name. Defaults to spring.application.name.
	 */
	private @Nullable String service;

	/**
	 * Id of this instance of the service, shown in application_name. Defaults to the host
	 * name and the process id.
	 */
	private @Nullable String instanceId;

	/**
	 * Number of instances of this service that share the database, for the fleet budget
	 * and the sizing formula.
	 */
	private int instances = 1;

	/**
	 * Explicit PostgreSQL settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private final PostgresProperties postgres = new PostgresProperties();

	/**
	 * Explicit Redis client settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private final RedisSettings redis = new RedisSettings();

	/**
	 * Explicit Kafka client settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private final KafkaSettings kafka = new KafkaSettings();

	/**
	 * Health indicator settings.
	 */
	private final Health health = new Health();

	/**
	 * Metrics settings.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * Per-service entries, keyed by service name.
	 */
	private final Map<String, ClientSettings> services = new LinkedHashMap<>();

	/**
	 * Overrides of the built-in profile tables, keyed by profile name.
	 */
	private final Map<String, ClientSettings> profiles = new LinkedHashMap<>();

	public @Nullable String getProfile() {
		return this.profile;
	}

	public void setProfile(@Nullable String profile) {
		this.profile = profile;
	}

	public @Nullable String getService() {
		return this.service;
	}

	public void setService(@Nullable String service) {
		this.service = service;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public int getInstances() {
		return this.instances;
	}

	public void setInstances(int instances) {
		this.instances = instances;
	}

	public PostgresProperties getPostgres() {
		return this.postgres;
	}

	public RedisSettings getRedis() {
		return this.redis;
	}

	public KafkaSettings getKafka() {
		return this.kafka;
	}

	public Health getHealth() {
		return this.health;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Map<String, ClientSettings> getServices() {
		return this.services;
	}

	public Map<String, ClientSettings> getProfiles() {
		return this.profiles;
	}

	/**
	 * Settings of the pools' health indicators.
	 */
	public static class Health {

		/**
		 * Longest time a health check waits for the server's statistics before it answers
		 * from the pool's own counters and marks the server view stale.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		/**
		 * How long the server's statistics are reused, so that frequent probes cost at
		 * most one query per interval.
		 */
		private Duration cacheTtl = Duration.ofSeconds(5);

		/**
		 * Client or server utilization at or above which health is DEGRADED.
		 */
		private double utilizationWarn = 0.8;

		/**
		 * Running time after which a query counts as slow.
		 */
		private Duration slowQueryThreshold = Duration.ofSeconds(2);

		/**
		 * Time one of this application's sessions may stay idle in a transaction before
		 * health is DEGRADED.
		 */
		private Duration idleInTransactionLimit = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public double getUtilizationWarn() {
			return this.utilizationWarn;
		}

		public void setUtilizationWarn(double utilizationWarn) {
			this.utilizationWarn = utilizationWarn;
		}

		public Duration getSlowQueryThreshold() {
			return this.slowQueryThreshold;
		}

		public void setSlowQueryThreshold(Duration slowQueryThreshold) {
			this.slowQueryThreshold = slowQueryThreshold;
		}

		public Duration getIdleInTransactionLimit() {
			return this.idleInTransactionLimit;
		}

		public void setIdleInTransactionLimit(Duration idleInTransactionLimit) {
			this.idleInTransactionLimit = idleInTransactionLimit;
		}

	}

	/**
	 * Settings of the pools' metrics.
	 */
	public static class Metrics {

		/**
		 * How often the server's statistics are sampled for the pool_server_* gauges;
		 * scrapes read the last sample.
		 */
		private Duration sampleInterval = Duration.ofSeconds(10);

		public Duration getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(Duration sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

	}

}
