package dev.poolstarter.autoconfigure.kafka;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.KafkaSettings;

/**
 * One layer of Kafka client settings, how to name the origin of each of its values, and
 * whether the starter writes its values into the clients' configuration.
 *
 * @param values reads one setting's value from this layer, {@code null} when not set
 * @param origin names the origin of one setting's value in this layer
 * @param written whether values from this layer are written into the clients'
 * configuration; {@code false} when the clients already have them
 * @author pool-starter
 */
record KafkaLayer(Function<KafkaSetting<?>, @Nullable Object> values, Function<KafkaSetting<?>, String> origin,
		boolean written) {

	static KafkaLayer properties(String prefix, KafkaSettings settings) {
		return new KafkaLayer((setting) -> setting.getter().apply(settings), (setting) -> prefix + "." + setting.key(),
				true);
	}

	static KafkaLayer named(String name, KafkaSettings settings, boolean written) {
		return new KafkaLayer((setting) -> setting.getter().apply(settings), (setting) -> name, written);
	}

}
