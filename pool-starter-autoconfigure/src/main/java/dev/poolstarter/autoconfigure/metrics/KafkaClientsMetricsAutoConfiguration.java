package dev.poolstarter.autoconfigure.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.kafka.KafkaClientsAutoConfiguration;
import dev.poolstarter.autoconfigure.kafka.KafkaClientsPlan;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the tags of the Kafka client meters. The meters themselves come
 * from Spring Boot's {@code KafkaMetricsAutoConfiguration}, whose Micrometer listeners
 * are added to the same factories as the starter's settings; this adds {@code service},
 * {@code profile} and {@code role} to every meter whose name starts with
 * {@code kafka.producer.} or {@code kafka.consumer.}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = KafkaClientsAutoConfiguration.class)
@ConditionalOnClass({ MeterFilter.class, KafkaTemplate.class })
@ConditionalOnBean(KafkaClientsPlan.class)
public final class KafkaClientsMetricsAutoConfiguration {

	KafkaClientsMetricsAutoConfiguration() {
	}

	@Bean
	MeterFilter kafkaClientsMeterFilter(KafkaClientsPlan plan) {
		Tags common = Tags.of("service", plan.selection().service(), "profile",
				plan.selection().tier().profileName());
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				String role = role(id.getName());
				return (role != null) ? id.withTags(common.and("role", role)) : id;
			}

		};
	}

	private static @Nullable String role(String name) {
		if (name.startsWith("kafka.producer.")) {
			return "producer";
		}
		return name.startsWith("kafka.consumer.") ? "consumer" : null;
	}

}
