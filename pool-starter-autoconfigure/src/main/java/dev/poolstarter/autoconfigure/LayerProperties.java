package dev.poolstarter.autoconfigure;

import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.redis.RedisSettings;

/**
 * Settings of one layer below the explicit one: a per-service entry or a profile table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class LayerProperties {

	/**
	 * PostgreSQL pool settings of this layer.
	 */
	private PostgresSettings postgres = new PostgresSettings();

	/**
	 * Redis client settings of this layer.
	 */
	private RedisSettings redis = new RedisSettings();

	/**
	 * Kafka client settings of this layer.
	 */
	private KafkaSettings kafka = new KafkaSettings();

	public PostgresSettings getPostgres() {
		return this.postgres;
	}

	public void setPostgres(PostgresSettings postgres) {
		this.postgres = postgres;
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

}
