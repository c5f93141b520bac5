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
	public static SettingsLayer libraryDefaults() {
		PostgresPoolSettings settings = new PostgresPoolSettings();
		settings.setMaxLifetime(Duration.ofMinutes(30));
		settings.setIdleTimeout(Duration.ofMinutes(10));
		settings.setKeepalive(Duration.ofMinutes(2));
		settings.setValidationTimeout(Duration.ofSeconds(5));
		settings.setReadOnly(false);
		settings.setSslMode(SslMode.PREFER);
		settings.setStatementCacheSize(256);
		settings.setPgbouncer(PgBouncerMode.OFF);
		settings.setConnectionsPerTask(1);
		return new SettingsLayer(settings, (setting) -> switch (setting.key()) {
			case "ssl-mode", "statement-cache-size" -> PGJDBC_DEFAULT;
			case "pgbouncer", "connections-per-task" -> "default";
			default -> HIKARI_DEFAULT;
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
