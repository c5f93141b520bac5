package dev.poolstarter.autoconfigure.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The effective Kafka client settings, each with its origin: for every setting, the first
 * layer that sets it wins.
 *
 * @author pool-starter
 */
final class ResolvedKafkaSettings {

	private final Map<KafkaSetting<?>, KafkaValue<?>> values;

	private ResolvedKafkaSettings(Map<KafkaSetting<?>, KafkaValue<?>> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/**
	 * Resolve every setting from layers ordered from the strongest to the weakest.
	 * @param layers the layers, strongest first
	 * @return the effective settings
	 */
	static ResolvedKafkaSettings resolve(List<KafkaLayer> layers) {
		Map<KafkaSetting<?>, KafkaValue<?>> values = new LinkedHashMap<>();
		for (KafkaSetting<?> setting : KafkaSetting.ALL) {
			values.put(setting, firstSet(setting, layers));
		}
		return new ResolvedKafkaSettings(values);
	}

	@SuppressWarnings("unchecked")
	private static <T> KafkaValue<T> firstSet(KafkaSetting<T> setting, List<KafkaLayer> layers) {
		for (KafkaLayer layer : layers) {
			Object value = layer.values().apply(setting);
			if (value != null) {
				return new KafkaValue<>((T) value, layer.origin().apply(setting), layer.written());
			}
		}
		return KafkaValue.unset();
	}

	@SuppressWarnings("unchecked")
	<T> KafkaValue<T> get(KafkaSetting<T> setting) {
		return (KafkaValue<T>) this.values.get(setting);
	}

	<T> @Nullable T value(KafkaSetting<T> setting) {
		return get(setting).value();
	}

	Map<KafkaSetting<?>, KafkaValue<?>> asMap() {
		return this.values;
	}

}
