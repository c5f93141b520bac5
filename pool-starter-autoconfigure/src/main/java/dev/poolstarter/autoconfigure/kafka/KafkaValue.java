package dev.poolstarter.autoconfigure.kafka;

import org.jspecify.annotations.Nullable;

/**
 * An effective Kafka client setting, where it came from, and whether the starter writes
 * it into the clients' configuration.
 *
 * @param <T> the value type
 * @param value the value, or {@code null} when no layer sets it
 * @param origin where the value came from, such as {@code pool.kafka.producer.linger}
 * @param written whether the starter writes the value into the clients' configuration
 * @author pool-starter
 */
record KafkaValue<T>(@Nullable T value, String origin, boolean written) {

	static final String NOT_SET = "not set";

	static <T> KafkaValue<T> unset() {
		return new KafkaValue<>(null, NOT_SET, false);
	}

}
