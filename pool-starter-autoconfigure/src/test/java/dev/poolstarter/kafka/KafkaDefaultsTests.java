package dev.poolstarter.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every client default the starter repeats, as the weakest layer of the
 * start-up table and in its documentation, equals the client libraries' own, so that an
 * upgrade that changes one fails here instead of silently.
 */
class KafkaDefaultsTests {

	private final KafkaSettings shown = KafkaProfiles.libraryDefaultSettings();

	@Test
	void producerDefaultsMatch() {
		Map<String, Object> defaults = ProducerConfig.configDef().defaultValues();
		KafkaSettings.Producer producer = this.shown.getProducer();
		assertThat(producer.getAcks()).isEqualTo(defaults.get("acks"));
		assertThat(producer.getIdempotence()).isEqualTo(defaults.get("enable.idempotence"));
		assertThat(producer.getCompression()).isEqualTo(defaults.get("compression.type"));
		assertThat(producer.getMaxInFlight()).isEqualTo(defaults.get("max.in.flight.requests.per.connection"));
		assertThat(producer.getLinger().toMillis()).isEqualTo(defaults.get("linger.ms"));
		assertThat(producer.getBatchSize().toBytes()).isEqualTo(((Integer) defaults.get("batch.size")).longValue());
		assertThat(producer.getDeliveryTimeout().toMillis())
			.isEqualTo(((Integer) defaults.get("delivery.timeout.ms")).longValue());
		assertThat(producer.getRequestTimeout().toMillis())
			.isEqualTo(((Integer) defaults.get("request.timeout.ms")).longValue());
		assertThat(producer.getRetries()).isEqualTo(defaults.get("retries"));
		assertThat(producer.getRetryBackoff().toMillis()).isEqualTo(defaults.get("retry.backoff.ms"));
		assertThat(this.shown.getSecurity().getProtocol()).isEqualTo(defaults.get("security.protocol"));
	}

	@Test
	void producerFactoryCloseTimeoutMatches() {
		assertThat(this.shown.getProducer().getCloseTimeout())
			.isEqualTo(DefaultKafkaProducerFactory.DEFAULT_PHYSICAL_CLOSE_TIMEOUT);
	}

	@Test
	void consumerDefaultsMatch() {
		Map<String, Object> defaults = ConsumerConfig.configDef().defaultValues();
		KafkaSettings.Consumer consumer = this.shown.getConsumer();
		assertThat(millis(consumer.getSessionTimeout())).isEqualTo(defaults.get("session.timeout.ms"));
		assertThat(millis(consumer.getHeartbeatInterval())).isEqualTo(defaults.get("heartbeat.interval.ms"));
		assertThat(millis(consumer.getMaxPollInterval())).isEqualTo(defaults.get("max.poll.interval.ms"));
		assertThat(millis(consumer.getFetchMaxWait())).isEqualTo(defaults.get("fetch.max.wait.ms"));
		assertThat((int) consumer.getMaxPartitionFetchBytes().toBytes())
			.isEqualTo(defaults.get("max.partition.fetch.bytes"));
	}

	@Test
	void adminDefaultsMatch() {
		Map<String, Object> defaults = AdminClientConfig.configDef().defaultValues();
		assertThat(this.shown.getAdmin().getConnectTimeout().toMillis())
			.isEqualTo(defaults.get("socket.connection.setup.timeout.ms"));
		assertThat(millis(this.shown.getAdmin().getRequestTimeout())).isEqualTo(defaults.get("request.timeout.ms"));
	}

	private static int millis(Duration duration) {
		return (int) duration.toMillis();
	}

}
