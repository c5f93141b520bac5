package dev.poolstarter.sample.listing;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes an event for every write to the {@value ListingEvent#TOPIC} topic, and records
 * what the listener consumes, so that a write can be followed to the listener.
 *
 * @author pool-starter
 */
@Configuration(proxyBeanMethods = false)
class ListingEvents {

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final ListingRepository repository;

	ListingEvents(KafkaTemplate<String, String> kafka, JsonMapper json, ListingRepository repository) {
		this.kafka = kafka;
		this.json = json;
		this.repository = repository;
	}

	@Bean
	static NewTopic listingEventsTopic() {
		return TopicBuilder.name(ListingEvent.TOPIC).partitions(3).build();
	}

	void publish(ListingEvent event) {
		// not awaited: the write has committed, and a record still buffered at SIGTERM reaches
		// Kafka through the producers' flush on shutdown. Keyed by listing, so one listing's
		// events stay in order.
		this.kafka.send(ListingEvent.TOPIC, Long.toString(event.listingId()), this.json.writeValueAsString(event));
	}

	@KafkaListener(id = "listing-events-listener", topics = ListingEvent.TOPIC, groupId = "sample-app")
	void consume(String value) {
		this.repository.recordEvent(this.json.readValue(value, ListingEvent.class));
	}

	List<ConsumedEvent> consumed(long listingId) {
		return this.repository.events(listingId);
	}

}
