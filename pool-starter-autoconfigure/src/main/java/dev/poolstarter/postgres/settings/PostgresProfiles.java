package dev.poolstarter.postgres.settings;

import java.time.Duration;

import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;

/**
 * The built-in profile tables, from the pooling guides teams keep by hand: connections,
 * pool timeout and connect timeout per environment, plus the server-side timeouts those
 * guides set on every connection.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PostgresProfiles {

	/**
	 * Origin of a value that HikariCP picks when nothing else sets it.
	 */
	public static final String HIKARI_DEFAULT = "HikariCP default";

	/**
	 * Origin of a value that pgjdbc picks when nothing else sets it.
	 */
	public static final String PGJDBC_DEFAULT = "pgjdbc default";

	private PostgresProfiles() {
	}

	/**
	 * Return the PostgreSQL table of a profile as a layer.
	 * @param profile the profile
	 * @return its built-in settings
	 */
	public static Layer<PostgresSettings> builtIn(BuiltInProfile profile) {
		return Layer.named("profile " + profile.profileName(), table(profile));
	}

	/**
	 * Return a fresh copy of the PostgreSQL table of a profile.
	 * @param profile the profile
	 * @return its built-in settings
	 */
	public static PostgresSettings table(BuiltInProfile profile) {
		PostgresSettings settings = common();
		switch (profile) {
			case DEV -> {
				settings.setMaxConnections(PoolSize.of(5));
				settings.setMinIdle(1);
				settings.setLeakDetectionThreshold(Duration.ofSeconds(10));
				settings.setBudgetCheck(BudgetCheckMode.WARN);
				settings.setLogInterval(Duration.ZERO);
			}
			case STAGING -> {
				settings.setMaxConnections(PoolSize.of(10));
				settings.setBudgetCheck(BudgetCheckMode.WARN);
			}
			case PROD -> settings.setMaxConnections(PoolSize.of(15));
			case PROD_HIGH_TRAFFIC -> {
				settings.setMaxConnections(PoolSize.AUTO);
				settings.setMaxConnectionsCap(30);
			}
			case SERVERLESS -> {
				settings.setMaxConnections(PoolSize.of(1));
				settings.setMinIdle(0);
				settings.setBudgetCheck(BudgetCheckMode.WARN);
				// a frozen function instance would log at thaw, about one connection
				settings.setLogInterval(Duration.ZERO);
			}
		}
		return settings;
	}

	/**
	 * Return the client libraries' own defaults, as the last layer, so that every value in
	 * effect is shown with its origin.
	 * @return a layer whose origins name the library
	 */
	public static Layer<PostgresSettings> libraryDefaults() {
		PostgresSettings settings = libraryDefaultSettings();
		return Layer.keyed(settings, (key) -> switch (key) {
			case "ssl-mode", "statement-cache-size" -> PGJDBC_DEFAULT;
			case "pgbouncer", "pgbouncer-prepared-statements", "connections-per-task" -> "default";
			default -> HIKARI_DEFAULT;
		});
	}

	/**
	 * Return a fresh copy of the client libraries' own defaults.
	 * @return the defaults
	 */
	public static PostgresSettings libraryDefaultSettings() {
		PostgresSettings settings = new PostgresSettings();
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
		return settings;
	}

	/**
	 * Whether a value's origin is a client library's default.
	 * @param origin the origin
	 * @return whether the library chose the value
	 */
	public static boolean isLibraryDefault(String origin) {
		return origin.equals(HIKARI_DEFAULT) || origin.equals(PGJDBC_DEFAULT);
	}

	private static PostgresSettings common() {
		PostgresSettings settings = new PostgresSettings();
		settings.setPoolTimeout(Duration.ofSeconds(10));
		settings.setConnectTimeout(Duration.ofSeconds(5));
		settings.setStatementTimeout(Duration.ofSeconds(30));
		settings.setIdleInTransactionSessionTimeout(Duration.ofSeconds(60));
		settings.setLeakDetectionThreshold(Duration.ofSeconds(60));
		settings.setBudgetCheck(BudgetCheckMode.FAIL);
		settings.setLogInterval(Duration.ofMinutes(1));
		return settings;
	}

}
