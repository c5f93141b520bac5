package dev.poolstarter.sample;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-JVM KRaft broker for the tests that start the sample's jar as another process,
 * started on first use and stopped when the JVM exits.
 *
 * @author pool-starter
 */
final class TestKafkaBroker {

	private static EmbeddedKafkaKraftBroker broker;

	private TestKafkaBroker() {
	}

	/**
	 * Return the broker's address, starting it first if needed.
	 * @return the bootstrap servers
	 */
	static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3, "listing-events");
			started.afterPropertiesSet();
			// it also sets spring.kafka.bootstrap-servers as a system property, which would
			// outlive it and make later in-process applications of this JVM look for a broker
			// that is gone
			System.clearProperty("spring.kafka.bootstrap-servers");
			System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "test-kafka-broker-stop"));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

}
