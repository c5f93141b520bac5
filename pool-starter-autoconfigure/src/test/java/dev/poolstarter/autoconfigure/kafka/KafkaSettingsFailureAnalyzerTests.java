package dev.poolstarter.autoconfigure.kafka;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analysis of contradictory Kafka settings: the clients start with
 * the contradiction, and Spring Boot's analysis of the failure names each value with its
 * origin and the value to use. No broker is needed: the check runs before any client
 * connects.
 */
class KafkaSettingsFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaClientsAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("pool.service=orders", "pool.instance-id=i1");

	@Test
	void explainsAcksThatContradictIdempotenceWithTheValueToUse() {
		FailureAnalysis analysis = StartupFailureAnalysis
			.of(this.contextRunner.withPropertyValues("spring.kafka.producer.acks=1"));
		assertThat(analysis.getDescription()).isEqualTo("The Kafka clients cannot start: producer.acks=1 "
				+ "(from spring.kafka.* (acks)) contradicts producer.idempotence=true (from kafka-clients default): "
				+ "an idempotent producer needs every in-sync replica to acknowledge");
		assertThat(analysis.getAction()).isEqualTo("Set pool.kafka.producer.acks=all, or set "
				+ "pool.kafka.producer.idempotence=false to accept acks=1 and possible duplicates.");
	}

	@Test
	void explainsHeartbeatNotBelowAThirdOfTheSessionWithTheHighestValueAndNoSecret() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
				"pool.services.orders.kafka.consumer.heartbeat-interval=10s", "pool.kafka.security.username=app",
				"pool.kafka.security.password=hunter2"));
		assertThat(analysis.getDescription()).contains("consumer.heartbeat-interval=10s "
				+ "(from pool.services.orders.kafka.consumer.heartbeat-interval) is not below a third of "
				+ "consumer.session-timeout=30s (from profile dev)")
			.doesNotContain("hunter2");
		assertThat(analysis.getAction()).startsWith("Set pool.kafka.consumer.heartbeat-interval to at most 9999ms")
			.contains("pool.kafka.consumer.session-timeout to more than 30s")
			.doesNotContain("hunter2");
	}

	@Test
	void explainsDeliveryTimeoutBelowLingerPlusRequestTimeout() {
		FailureAnalysis analysis = StartupFailureAnalysis
			.of(this.contextRunner.withPropertyValues("pool.kafka.producer.delivery-timeout=5s"));
		assertThat(analysis.getDescription())
			.contains("producer.delivery-timeout=5s (from pool.kafka.producer.delivery-timeout) is below");
		assertThat(analysis.getAction()).startsWith("Set pool.kafka.producer.delivery-timeout to at least 10005ms");
	}

	@Test
	void ignoresUnrelatedFailures() {
		FailureAnalyzer analyzer = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, (type, name, failure) -> {
				// Spring Boot's own analyzers need constructor arguments; only ours matters here
			})
			.stream()
			.filter((candidate) -> candidate.getClass().getSimpleName().equals("SettingsFailureAnalyzer"))
			.findFirst()
			.orElseThrow();
		assertThat(analyzer.analyze(new BeanCreationException("kafkaClientsPlan", "Failed to instantiate",
				new IllegalStateException("something else"))))
			.isNull();
	}

}
