package dev.poolstarter.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The Kafka clients a setting applies to.
 *
 * @author pool-starter
 */
public enum KafkaClientType {

	/**
	 * Every client: producer, consumer and admin.
	 */
	COMMON,

	/**
	 * Producers only.
	 */
	PRODUCER,

	/**
	 * Consumers only.
	 */
	CONSUMER,

	/**
	 * The admin client only.
	 */
	ADMIN,

	/**
	 * No client configuration: the setting is applied some other way.
	 */
	NONE;

	boolean appliesTo(KafkaClientType client) {
		return this == client || (this == COMMON && client != NONE);
	}

	static ConfigDef configDef(KafkaClientType client) {
		return switch (client) {
			case CONSUMER -> ConsumerConfig.configDef();
			case ADMIN -> AdminClientConfig.configDef();
			default -> ProducerConfig.configDef();
		};
	}

}
