package dev.poolstarter.autoconfigure.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analysis of a {@link KafkaSettingsException}, found the way Spring Boot
 * finds the analyzer.
 */
class KafkaSettingsFailureAnalyzerTests {

	private final FailureAnalyzer analyzer = SpringFactoriesLoader
		.forDefaultResourceLocation(getClass().getClassLoader())
		.load(FailureAnalyzer.class, null, (type, name, failure) -> {
			// Spring Boot's own analyzers need constructor arguments; only ours matters here
		})
		.stream()
		.filter((analyzer) -> analyzer.getClass().getSimpleName().equals("ClientSettingsFailureAnalyzer"))
		.findFirst()
		.orElseThrow();

	@Test
	void explainsContradictionWithTheValueToUse() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("kafkaClientsPlan",
				"Failed to instantiate", new KafkaSettingsException(
						"producer.acks=1 (from spring.kafka.* (acks)) contradicts producer.idempotence=true",
						"Set pool.kafka.producer.acks=all.")));
		assertThat(analysis.getDescription()).contains("Kafka clients cannot start").contains("producer.acks=1");
		assertThat(analysis.getAction()).contains("pool.kafka.producer.acks=all");
	}

	@Test
	void ignoresUnrelatedFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("something else"))).isNull();
	}

}
