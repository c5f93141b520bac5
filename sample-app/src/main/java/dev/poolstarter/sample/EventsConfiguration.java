package dev.poolstarter.sample;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An event written to PostgreSQL and published to Kafka on every POST, and a listener
 * that records what it consumes; on with {@code sample.kafka.enabled=true}.
 *
 * @author pool-starter
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sample.kafka.enabled")
class EventsConfiguration {

	static final String TOPIC = "sample-events";

	// component scanning finds nested classes on its own: each carries the switch
	@RestController
	@ConditionalOnBooleanProperty("sample.kafka.enabled")
	static class EventsController {

		private final JdbcTemplate jdbcTemplate;

		private final KafkaTemplate<String, String> kafkaTemplate;

		EventsController(JdbcTemplate jdbcTemplate, KafkaTemplate<String, String> kafkaTemplate) {
			this.jdbcTemplate = jdbcTemplate;
			this.kafkaTemplate = kafkaTemplate;
		}

		@PostMapping("/api/events")
		String publish(@RequestParam String value) {
			this.jdbcTemplate.update("INSERT INTO sample_sent (value) VALUES (?) ON CONFLICT DO NOTHING", value);
			// not awaited: a record still buffered at SIGTERM must reach Kafka through the
			// producers' flush
			this.kafkaTemplate.send(TOPIC, value, value);
			return value;
		}

	}

	@Component
	@ConditionalOnBooleanProperty("sample.kafka.enabled")
	static class EventsListener {

		private final JdbcTemplate jdbcTemplate;

		EventsListener(JdbcTemplate jdbcTemplate) {
			this.jdbcTemplate = jdbcTemplate;
		}

		@KafkaListener(id = "sample-events-listener", topics = TOPIC, groupId = "sample-app")
		void consume(ConsumerRecord<String, String> record) {
			this.jdbcTemplate.update("INSERT INTO sample_consumed (value) VALUES (?) ON CONFLICT DO NOTHING",
					record.value());
		}

	}

}
