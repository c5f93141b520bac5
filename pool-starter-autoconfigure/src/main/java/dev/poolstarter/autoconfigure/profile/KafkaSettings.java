package dev.poolstarter.autoconfigure.profile;

/**
 * Settings of the Kafka clients that every layer can set: explicit properties
 * ({@code pool.kafka}), per-service entries ({@code pool.services.<name>.kafka}) and
 * profile tables ({@code pool.profiles.<profile>.kafka}). A {@code null} value means "not
 * set in this layer".
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaSettings {

}
