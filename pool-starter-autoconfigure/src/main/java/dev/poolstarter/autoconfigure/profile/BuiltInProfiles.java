package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;

/**
 * The built-in profile tables, from the pooling guides teams keep by hand: connections,
 * pool timeout and connect timeout per environment, plus the server-side timeouts those
 * guides set on every connection.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class BuiltInProfiles {

	/**
	 * Origin of a value that HikariCP picks when nothing else sets it.
	 */
	public static final String HIKARI_DEFAULT = "HikariCP default";

	/**
	 * Origin of a value that pgjdbc picks when nothing else sets it.
	 */
	public static final String PGJDBC_DEFAULT = "pgjdbc default";

	/**
	 * Origin of a value that Lettuce picks when nothing else sets it.
	 */
	public static final String LETTUCE_DEFAULT = "Lettuce default";

	private BuiltInProfiles() {
	}

	/**
	 * Return a fresh copy of the PostgreSQL table of a profile.
	 * @param tier the profile
	 * @return its built-in settings
	 */
	public static PostgresPoolSettings postgres(PoolTier tier) {
		PostgresPoolSettings settings = common();
		switch (tier) {
			case DEV -> {
				settings.setMaxConnections(PoolSize.of(5));
				settings.setMinIdle(1);
				settings.setLeakDetectionThreshold(Duration.ofSeconds(10));
				settings.setBudgetCheck(BudgetCheck.WARN);
			}
			case STAGING -> {
				settings.setMaxConnections(PoolSize.of(10));
				settings.setBudgetCheck(BudgetCheck.WARN);
			}
			case PROD -> settings.setMaxConnections(PoolSize.of(15));
			case PROD_HIGH_TRAFFIC -> {
				settings.setMaxConnections(PoolSize.AUTO);
				settings.setMaxConnectionsCap(30);
			}
			case SERVERLESS -> {
				settings.setMaxConnections(PoolSize.of(1));
				settings.setMinIdle(0);
				settings.setBudgetCheck(BudgetCheck.WARN);
			}
		}
		return settings;
	}

	/**
	 * Return the client libraries' own defaults, as the last layer, so that every value in
	 * effect is shown with its origin.
	 * @return a layer whose origins name the library
	 */
	public static ResolvedClientSettings.Layer<PostgresPoolSettings> libraryDefaults() {
		PostgresPoolSettings settings = new PostgresPoolSettings();
		settings.setMaxLifetime(Duration.ofMinutes(30));
		settings.setIdleTimeout(Duration.ofMinutes(10));
		settings.setKeepalive(Duration.ofMinutes(2));
		settings.setValidationTimeout(Duration.ofSeconds(5));
		settings.setReadOnly(false);
		settings.setSslMode(SslMode.PREFER);
		settings.setStatementCacheSize(256);
		settings.setPgbouncer(PgBouncerMode.OFF);
		settings.setPgbouncerPreparedStatements(false);
		settings.setConnectionsPerTask(1);
		return new ResolvedClientSettings.Layer<>(settings, (key) -> switch (key) {
			case "ssl-mode", "statement-cache-size" -> PGJDBC_DEFAULT;
			case "pgbouncer", "pgbouncer-prepared-statements", "connections-per-task" -> "default";
			default -> HIKARI_DEFAULT;
		});
	}

	/**
	 * Return a fresh copy of the Redis table of a profile: only what differs from
	 * Lettuce's defaults or what Lettuce leaves unsafe (an unbounded request queue,
	 * commands accepted while disconnected, no scheduled Cluster refresh, a 30s reconnect
	 * backoff).
	 * @param tier the profile
	 * @return its built-in settings
	 */
	public static RedisSettings redis(PoolTier tier) {
		RedisSettings settings = new RedisSettings();
		settings.setReconnectDelay(Duration.ofMillis(50));
		settings.setReconnectDelayMax(Duration.ofSeconds(2));
		settings.setReconnectOnReadonly(true);
		settings.setClusterRefreshPeriod(Duration.ofSeconds(60));
		settings.setRejectWhenDisconnected(tier.isProduction() || tier == PoolTier.SERVERLESS);
		switch (tier) {
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
	public static ResolvedClientSettings.Layer<RedisSettings> redisLibraryDefaults() {
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
		return new ResolvedClientSettings.Layer<>(settings, (key) -> switch (key) {
			case "shutdown-timeout" -> "Spring Data Redis default";
			case "pool-min-idle" -> "commons-pool2 default";
			default -> LETTUCE_DEFAULT;
		});
	}

	/**
	 * Whether a value's origin is a client library's default.
	 * @param origin the origin
	 * @return whether the library chose the value
	 */
	public static boolean isLibraryDefault(String origin) {
		return origin.equals(HIKARI_DEFAULT) || origin.equals(PGJDBC_DEFAULT);
	}

	private static PostgresPoolSettings common() {
		PostgresPoolSettings settings = new PostgresPoolSettings();
		settings.setPoolTimeout(Duration.ofSeconds(10));
		settings.setConnectTimeout(Duration.ofSeconds(5));
		settings.setStatementTimeout(Duration.ofSeconds(30));
		settings.setIdleInTransactionSessionTimeout(Duration.ofSeconds(60));
		settings.setLeakDetectionThreshold(Duration.ofSeconds(60));
		settings.setBudgetCheck(BudgetCheck.FAIL);
		return settings;
	}

}
