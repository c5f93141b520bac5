package dev.poolstarter.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaClientsAutoConfiguration} against the shared
 * embedded KRaft broker: records round-trip through the beans Spring Boot builds with
 * the starter's settings, and the client meters carry the starter's client id.
 */
class KafkaClientsIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaClientsAutoConfiguration.class, KafkaAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				KafkaMetricsAutoConfiguration.class))
		.withPropertyValues("pool.service=orders", "pool.instance-id=i1", "pool.profile=prod",
				"pool.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers());

	@Test
	@SuppressWarnings("unchecked")
	void recordsRoundTripThroughTheStartersClients() {
		String topic = "orders-" + UUID.randomUUID();
		this.runner.run((context) -> {
			KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
			template.send(topic, "key", "hello").get(Duration.ofSeconds(10).toMillis(),
					TimeUnit.MILLISECONDS);
			ConsumerFactory<Object, Object> consumers = context.getBean(ConsumerFactory.class);
			assertThat(consumers.getConfigurationProperties()).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "orders");
			List<Object> received = new ArrayList<>();
			Properties overrides = new Properties();
			overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			try (Consumer<Object, Object> consumer = consumers.createConsumer(null, null, null, overrides)) {
				consumer.subscribe(List.of(topic));
				await().atMost(Duration.ofSeconds(15)).until(() -> {
					for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
						received.add(record.value());
					}
					return !received.isEmpty();
				});
			}
			assertThat(received).containsExactly("hello");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.find("kafka.producer.record.send.total")
					.tag("client.id", "orders-i1-1")
					.functionCounter()).isNotNull());
		});
	}

}
