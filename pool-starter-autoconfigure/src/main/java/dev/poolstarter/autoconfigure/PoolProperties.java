package dev.poolstarter.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.redis.RedisSettings;

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
	 * and the sizing formula. Defaults to the instances of this service live in
	 * pg_stat_activity at start-up, this one included.
	 */
	private @Nullable Integer instances;

	/**
	 * Explicit PostgreSQL settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private final PostgresProperties postgres = new PostgresProperties();

	/**
	 * Explicit Redis client settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private RedisSettings redis = new RedisSettings();

	/**
	 * Explicit Kafka client settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private KafkaSettings kafka = new KafkaSettings();

	/**
	 * Health indicator settings.
	 */
	private final Health health = new Health();

	/**
	 * Metrics settings.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * Shutdown settings.
	 */
	private final Shutdown shutdown = new Shutdown();

	/**
	 * Settings of a Spring Cache on Redis.
	 */
	private final Cache cache = new Cache();

	/**
	 * Per-service entries, keyed by service name.
	 */
	private final Map<String, LayerProperties> services = new LinkedHashMap<>();

	/**
	 * Overrides of the built-in profile tables, keyed by profile name.
	 */
	private final Map<String, LayerProperties> profiles = new LinkedHashMap<>();

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

	public @Nullable Integer getInstances() {
		return this.instances;
	}

	public void setInstances(@Nullable Integer instances) {
		this.instances = instances;
	}

	public PostgresProperties getPostgres() {
		return this.postgres;
	}

	public RedisSettings getRedis() {
		return this.redis;
	}

	public void setRedis(RedisSettings redis) {
		this.redis = redis;
	}

	public KafkaSettings getKafka() {
		return this.kafka;
	}

	public void setKafka(KafkaSettings kafka) {
		this.kafka = kafka;
	}

	public Health getHealth() {
		return this.health;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Map<String, LayerProperties> getServices() {
		return this.services;
	}

	public Map<String, LayerProperties> getProfiles() {
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

		/**
		 * Time the oldest client may wait in PgBouncer for a server connection before
		 * health is DEGRADED, when pool.postgres.pgbouncer-admin-url is set.
		 */
		private Duration pgbouncerMaxWait = Duration.ofSeconds(1);

		/**
		 * Slow statements from pg_stat_statements.
		 */
		private final SlowStatements slowStatements = new SlowStatements();

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

		public Duration getPgbouncerMaxWait() {
			return this.pgbouncerMaxWait;
		}

		public void setPgbouncerMaxWait(Duration pgbouncerMaxWait) {
			this.pgbouncerMaxWait = pgbouncerMaxWait;
		}

		public SlowStatements getSlowStatements() {
			return this.slowStatements;
		}

	}

	/**
	 * Settings of the slow statements read from pg_stat_statements, where the extension
	 * is installed.
	 */
	public static class SlowStatements {

		/**
		 * Whether pg_stat_statements is sampled for the slow statements of the pool's
		 * database.
		 */
		private boolean enabled = true;

		/**
		 * Mean execution time past which a statement counts as slow.
		 */
		private Duration threshold = Duration.ofSeconds(2);

		/**
		 * Number of statements shown by mean and by total execution time.
		 */
		private int top = 10;

		/**
		 * How often pg_stat_statements is sampled; health, the pool endpoint and scrapes
		 * read the last sample.
		 */
		private Duration sampleInterval = Duration.ofSeconds(30);

		/**
		 * Whether only the statements of the pool's role count, rather than every role's
		 * in the database.
		 */
		private boolean ownRoleOnly = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

		public int getTop() {
			return this.top;
		}

		public void setTop(int top) {
			this.top = top;
		}

		public Duration getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(Duration sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

		public boolean isOwnRoleOnly() {
			return this.ownRoleOnly;
		}

		public void setOwnRoleOnly(boolean ownRoleOnly) {
			this.ownRoleOnly = ownRoleOnly;
		}

	}

	/**
	 * Settings of how a Spring Cache on Redis rides out a Redis outage.
	 */
	public static class Cache {

		/**
		 * Whether a Spring Cache on Redis skips Redis while it is unavailable and treats
		 * cache errors as misses, logging them once per log interval.
		 */
		private boolean enabled = true;

		/**
		 * How often a PING checks whether Redis is back while the cache skips it.
		 */
		private Duration probeInterval = Duration.ofSeconds(1);

		/**
		 * Shortest time between two warnings about cache errors; the ones in between are
		 * counted in the next.
		 */
		private Duration logInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

		public Duration getLogInterval() {
			return this.logInterval;
		}

		public void setLogInterval(Duration logInterval) {
			this.logInterval = logInterval;
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

	/**
	 * Settings of the ordered shutdown: readiness, web server, Kafka listeners, Kafka
	 * producers, Redis, PostgreSQL pools.
	 */
	public static class Shutdown {

		/**
		 * Whether the starter orders and drains the clients at shutdown.
		 */
		private boolean enabled = true;

		/**
		 * Longest time the whole shutdown may take; each step gets what is left.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Time between readiness turning OUT_OF_SERVICE and the web server's drain, for
		 * load balancers to notice.
		 */
		private Duration readinessDelay = Duration.ZERO;

		/**
		 * Longest time Spring waits for the Kafka listener containers to stop. Defaults to
		 * the shutdown timeout.
		 */
		private @Nullable Duration kafkaListenersTimeout;

		/**
		 * Longest time Kafka producers may take to flush and close. Defaults to what is left
		 * of the shutdown timeout.
		 */
		private @Nullable Duration kafkaProducersTimeout;

		/**
		 * Longest time Redis connections may take to finish pending commands. Defaults to
		 * what is left of the shutdown timeout.
		 */
		private @Nullable Duration redisTimeout;

		/**
		 * Longest time a PostgreSQL pool waits for borrowed connections to come back.
		 * Defaults to what is left of the shutdown timeout.
		 */
		private @Nullable Duration postgresTimeout;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getReadinessDelay() {
			return this.readinessDelay;
		}

		public void setReadinessDelay(Duration readinessDelay) {
			this.readinessDelay = readinessDelay;
		}

		public @Nullable Duration getKafkaListenersTimeout() {
			return this.kafkaListenersTimeout;
		}

		public void setKafkaListenersTimeout(@Nullable Duration kafkaListenersTimeout) {
			this.kafkaListenersTimeout = kafkaListenersTimeout;
		}

		public @Nullable Duration getKafkaProducersTimeout() {
			return this.kafkaProducersTimeout;
		}

		public void setKafkaProducersTimeout(@Nullable Duration kafkaProducersTimeout) {
			this.kafkaProducersTimeout = kafkaProducersTimeout;
		}

		public @Nullable Duration getRedisTimeout() {
			return this.redisTimeout;
		}

		public void setRedisTimeout(@Nullable Duration redisTimeout) {
			this.redisTimeout = redisTimeout;
		}

		public @Nullable Duration getPostgresTimeout() {
			return this.postgresTimeout;
		}

		public void setPostgresTimeout(@Nullable Duration postgresTimeout) {
			this.postgresTimeout = postgresTimeout;
		}

	}

}
