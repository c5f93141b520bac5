package dev.poolstarter.autoconfigure.profile;

/**
 * Settings of one layer below the explicit one: a per-service entry or a profile table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ClientSettings {

	/**
	 * PostgreSQL pool settings of this layer.
	 */
	private final PostgresPoolSettings postgres = new PostgresPoolSettings();

	/**
	 * Redis client settings of this layer.
	 */
	private final RedisSettings redis = new RedisSettings();

	/**
	 * Kafka client settings of this layer.
	 */
	private final KafkaSettings kafka = new KafkaSettings();

	public PostgresPoolSettings getPostgres() {
		return this.postgres;
	}

	public RedisSettings getRedis() {
		return this.redis;
	}

	public KafkaSettings getKafka() {
		return this.kafka;
	}

}
