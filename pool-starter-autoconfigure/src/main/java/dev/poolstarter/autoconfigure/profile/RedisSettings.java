package dev.poolstarter.autoconfigure.profile;

/**
 * Settings of the Redis (Lettuce) client that every layer can set: explicit properties
 * ({@code pool.redis}), per-service entries ({@code pool.services.<name>.redis}) and
 * profile tables ({@code pool.profiles.<profile>.redis}). A {@code null} value means "not
 * set in this layer".
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisSettings {

}
