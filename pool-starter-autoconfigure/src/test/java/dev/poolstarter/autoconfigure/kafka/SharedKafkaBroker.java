package dev.poolstarter.autoconfigure.kafka;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one in-JVM KRaft broker that every Kafka integration test of a test JVM shares.
 */
public final class SharedKafkaBroker {

	private static EmbeddedKafkaKraftBroker broker;

	private SharedKafkaBroker() {
	}

	/**
	 * Return the address of the broker, starting it on first use.
	 * @return the bootstrap servers, such as {@code 127.0.0.1:40123}
	 */
	public static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

}
