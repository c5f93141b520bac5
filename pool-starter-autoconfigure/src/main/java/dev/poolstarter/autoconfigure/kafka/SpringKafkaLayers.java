package dev.poolstarter.autoconfigure.kafka;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.kafka.KafkaSetting;
import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.settings.Layer;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * What an existing application already says under {@code spring.kafka}: the client
 * configuration Spring Boot builds from it, as a layer that the starter honours wherever
 * {@code pool.*} does not say otherwise.
 *
 * @author pool-starter
 */
class SpringKafkaLayers {

	private static final String PREFIX = "spring.kafka";

	private final Binder binder;

	private final KafkaProperties properties;

	SpringKafkaLayers(Environment environment) {
		this.binder = Binder.get(environment);
		this.properties = this.binder.bindOrCreate(PREFIX, KafkaProperties.class);
	}

	KafkaProperties properties() {
		return this.properties;
	}

	/**
	 * Return the values Spring Boot puts into each client's configuration, as a layer.
	 * Its values are never written again: the factories Boot builds already hold them.
	 * @return the layer
	 */
	Layer<KafkaSettings> layer() {
		Map<String, Object> producer = this.properties.buildProducerProperties();
		Map<String, Object> consumer = this.properties.buildConsumerProperties();
		Map<String, Object> admin = this.properties.buildAdminProperties();
		return new Layer<>((entry) -> value((KafkaSetting<?>) entry, switch (((KafkaSetting<?>) entry).client()) {
			case CONSUMER -> consumer;
			case ADMIN -> admin;
			default -> producer;
		}), (entry) -> PREFIX + ".* (" + ((KafkaSetting<?>) entry).kafkaKey() + ")", false);
	}

	private @Nullable Object value(KafkaSetting<?> setting, Map<String, Object> config) {
		String kafkaKey = setting.kafkaKey();
		if (kafkaKey == null || (setting == KafkaSetting.BOOTSTRAP_SERVERS && !bootstrapServersSet())) {
			return null;
		}
		Object value = config.get(kafkaKey);
		return (value != null) ? setting.fromKafka(value) : null;
	}

	private boolean bootstrapServersSet() {
		return this.binder.bind(PREFIX + ".bootstrap-servers", List.class).isBound();
	}

}
