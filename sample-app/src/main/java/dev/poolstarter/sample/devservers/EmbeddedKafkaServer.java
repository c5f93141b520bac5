package dev.poolstarter.sample.devservers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-process Kafka broker in KRaft mode from spring-kafka-test, with the sample's topic
 * created up front.
 *
 * @author pool-starter
 */
final class EmbeddedKafkaServer implements EmbeddedServer {

	// ListingEvent.TOPIC, which is private to the listing package
	static final String TOPIC = "listing-events";

	// as many as ListingEvents declares: KafkaAdmin then has no partitions to add, which
	// the broker would log as errors
	private static final int PARTITIONS = 3;

	private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
			"org.apache.kafka.controller", "org.apache.kafka.coordinator", "org.apache.kafka.image",
			"org.apache.kafka.metadata", "org.apache.kafka.queue", "org.apache.kafka.raft", "org.apache.kafka.server",
			"org.apache.kafka.storage");

	private static final List<String> SYSTEM_PROPERTIES = List.of("spring.kafka.bootstrap-servers",
			EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);

	private final EmbeddedKafkaKraftBroker broker;

	private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	static EmbeddedKafkaServer start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
		// Kafka's test kit deletes its directories in JVM shutdown hooks of its own, which
		// would pull them from under the broker while the application still drains;
		// destroy() deletes them once the broker has stopped
		Exit.setShutdownHookAdder((name, hook) -> {
		});
		// the broker also publishes its address as JVM-wide system properties, among them
		// spring.kafka.bootstrap-servers: they would outlive it and point every later
		// application of this JVM at a broker that is gone. The address goes into the dev
		// servers' own property source instead.
		Map<String, @Nullable String> previous = new HashMap<>();
		SYSTEM_PROPERTIES.forEach((name) -> previous.put(name, System.getProperty(name)));
		try {
			broker.afterPropertiesSet();
		}
		finally {
			Exit.resetShutdownHookAdder();
			previous.forEach((name, value) -> {
				if (value != null) {
					System.setProperty(name, value);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
		return new EmbeddedKafkaServer(broker);
	}

	@Override
	public Address address() {
		return Address.parse(this.broker.getBrokersAsString());
	}

	@Override
	public String description() {
		return "embedded Kafka " + AppInfoParser.getVersion() + " broker (KRaft) on " + address() + ", topic " + TOPIC
				+ " (logs in a temporary directory, gone at exit)";
	}

	@Override
	public List<String> quietLoggers() {
		return BROKER_LOGGERS;
	}

	@Override
	public void stop() {
		this.broker.destroy();
	}

}
