package dev.poolstarter.sample;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-JVM KRaft broker for tests that start the sample's jar as another process.
 *
 * @author pool-starter
 */
final class TestKafkaBroker {

	private TestKafkaBroker() {
	}

	static EmbeddedKafkaKraftBroker start(String... topics) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, topics);
		broker.afterPropertiesSet();
		// it also sets spring.kafka.bootstrap-servers as a system property, which would
		// outlive it and make later in-process applications of this JVM look for a broker
		// that is gone
		System.clearProperty("spring.kafka.bootstrap-servers");
		System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		return broker;
	}

}
