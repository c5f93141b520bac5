package dev.poolstarter.redis;

import java.time.Duration;

import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;

/**
 * The built-in Redis tables of the profiles, from the guides teams keep by hand, and
 * Lettuce's and Spring Data Redis's own defaults.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class RedisProfiles {

	/**
	 * Origin of a value that Lettuce picks when nothing else sets it.
	 */
	public static final String LETTUCE_DEFAULT = "Lettuce default";

	private RedisProfiles() {
	}

	/**
	 * Return the Redis table of a profile as a layer.
	 * @param profile the profile
	 * @return its built-in settings
	 */
	public static Layer<RedisSettings> builtIn(BuiltInProfile profile) {
		return Layer.named("profile " + profile.profileName(), table(profile));
	}

	/**
	 * Return a fresh copy of the Redis table of a profile: only what differs from
	 * Lettuce's defaults or what Lettuce leaves unsafe (an unbounded request queue,
	 * commands accepted while disconnected, no scheduled Cluster refresh, a 30s reconnect
	 * backoff).
	 * @param profile the profile
	 * @return its built-in settings
	 */
	public static RedisSettings table(BuiltInProfile profile) {
		RedisSettings settings = new RedisSettings();
		settings.setReconnectDelay(Duration.ofMillis(50));
		settings.setReconnectDelayMax(Duration.ofSeconds(2));
		settings.setReconnectOnReadonly(true);
		settings.setClusterRefreshPeriod(Duration.ofSeconds(60));
		settings.setRejectWhenDisconnected(profile.isProduction() || profile == BuiltInProfile.SERVERLESS);
		switch (profile) {
			case DEV -> redisTable(settings, 5, 10, 1000, 4);
			case STAGING -> redisTable(settings, 3, 5, 10000, 8);
			case PROD -> redisTable(settings, 2, 3, 10000, 16);
			case PROD_HIGH_TRAFFIC -> {
				redisTable(settings, 1, 2, 50000, 32);
				settings.setClusterRefreshPeriod(Duration.ofSeconds(30));
			}
			case SERVERLESS -> redisTable(settings, 2, 3, 1000, 2);
		}
		return settings;
	}

	private static void redisTable(RedisSettings settings, int commandSeconds, int connectSeconds, int queue,
			int poolSize) {
		settings.setCommandTimeout(Duration.ofSeconds(commandSeconds));
		settings.setConnectTimeout(Duration.ofSeconds(connectSeconds));
		settings.setRequestQueueSize(queue);
		settings.setPoolMaxActive(poolSize);
	}

	/**
	 * Return Lettuce's and Spring Data Redis's own defaults, as the last layer, so that
	 * every value in effect is shown with its origin.
	 * @return a layer whose origins name the library
	 */
	public static Layer<RedisSettings> libraryDefaults() {
		RedisSettings settings = libraryDefaultSettings();
		return Layer.keyed(settings, (key) -> switch (key) {
			case "shutdown-timeout" -> "Spring Data Redis default";
			case "pool-min-idle" -> "commons-pool2 default";
			default -> LETTUCE_DEFAULT;
		});
	}

	/**
	 * Return a fresh copy of the client libraries' own defaults.
	 * @return the defaults
	 */
	public static RedisSettings libraryDefaultSettings() {
		RedisSettings settings = new RedisSettings();
		settings.setHost("localhost");
		settings.setPort(6379);
		settings.setDatabase(0);
		settings.setSsl(false);
		settings.setClusterMaxRedirects(5);
		settings.setShutdownTimeout(Duration.ofMillis(100));
		settings.setAutoReconnect(true);
		settings.setKeepaliveIdle(Duration.ofSeconds(13));
		settings.setKeepaliveInterval(Duration.ofSeconds(13));
		settings.setKeepaliveCount(3);
		settings.setPoolMinIdle(0);
		return settings;
	}

}
