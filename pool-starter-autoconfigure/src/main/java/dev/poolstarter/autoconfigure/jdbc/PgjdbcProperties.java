package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.BuiltInProfiles;
import dev.poolstarter.autoconfigure.profile.ClientSetting;
import dev.poolstarter.autoconfigure.profile.PgBouncerMode;
import dev.poolstarter.autoconfigure.profile.PostgresPoolSettings;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.Resolved;
import dev.poolstarter.autoconfigure.profile.ResolvedClientSettings;
import dev.poolstarter.autoconfigure.profile.SslMode;

/**
 * The properties of pgjdbc's {@code PGSimpleDataSource} for one pool: per-pool connect
 * and socket timeouts in pgjdbc's seconds, and the server-side timeouts as start-up
 * options, so that every pooled connection has them from its first statement.
 *
 * @author pool-starter
 */
final class PgjdbcProperties {

	static final String DATA_SOURCE_CLASS_NAME = "org.postgresql.ds.PGSimpleDataSource";

	private PgjdbcProperties() {
	}

	static Properties of(PostgresConnection connection, ResolvedClientSettings<PostgresPoolSettings> settings) {
		Properties properties = new Properties();
		properties.setProperty("url", connection.url().jdbcUrl());
		putIfSet(properties, "user", connection.username());
		putIfSet(properties, "password", connection.password());
		properties.putAll(connection.url().secretParameters());
		putSeconds(properties, "connectTimeout", settings.value(PostgresSetting.CONNECT_TIMEOUT));
		putSeconds(properties, "socketTimeout", settings.value(PostgresSetting.SOCKET_TIMEOUT));
		SslMode sslMode = chosen(settings, PostgresSetting.SSL_MODE);
		putIfSet(properties, "sslMode", (sslMode != null) ? sslMode.pgjdbcValue() : null);
		putIfSet(properties, "applicationName", settings.value(PostgresSetting.APPLICATION_NAME));
		putIfSet(properties, "currentSchema", settings.value(PostgresSetting.SCHEMA));
		Integer cacheSize = chosen(settings, PostgresSetting.STATEMENT_CACHE_SIZE);
		putIfSet(properties, "preparedStatementCacheQueries", (cacheSize != null) ? cacheSize.toString() : null);
		boolean transactionPooling = settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.TRANSACTION;
		if (transactionPooling || (cacheSize != null && cacheSize == 0)) {
			// PgBouncer in transaction mode hands statements to other server connections
			properties.setProperty("prepareThreshold", "0");
		}
		if (!connection.url().jdbcUrl().contains("tcpKeepAlive=")) {
			// detects a peer that vanished without a FIN; pgjdbc leaves it off
			properties.setProperty("tcpKeepAlive", "true");
		}
		String options = options(connection.url().options(), settings, transactionPooling);
		putIfSet(properties, "options", options);
		return properties;
	}

	/**
	 * Return the pgjdbc start-up options that set the server-side timeouts, after any
	 * options the URL already has.
	 */
	static @Nullable String options(@Nullable String urlOptions, ResolvedClientSettings<PostgresPoolSettings> settings,
			boolean transactionPooling) {
		List<String> options = new ArrayList<>();
		if (urlOptions != null && !urlOptions.isBlank()) {
			options.add(urlOptions.trim());
		}
		if (!transactionPooling) {
			addOption(options, "statement_timeout", settings.value(PostgresSetting.STATEMENT_TIMEOUT));
			addOption(options, "idle_in_transaction_session_timeout",
					settings.value(PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT));
			addOption(options, "lock_timeout", settings.value(PostgresSetting.LOCK_TIMEOUT));
		}
		return options.isEmpty() ? null : String.join(" ", options);
	}

	/**
	 * Return a value unless only the library's default chose it: pgjdbc then keeps its
	 * own, which may depend on other parameters (ssl=true means verify-full).
	 */
	private static <T> @Nullable T chosen(ResolvedClientSettings<PostgresPoolSettings> settings, ClientSetting<PostgresPoolSettings, T> setting) {
		Resolved<T> resolved = settings.get(setting);
		return BuiltInProfiles.isLibraryDefault(resolved.origin()) ? null : resolved.value();
	}

	private static void addOption(List<String> options, String name, @Nullable Duration value) {
		if (value != null) {
			options.add("-c " + name + "=" + value.toMillis());
		}
	}

	private static void putSeconds(Properties properties, String name, @Nullable Duration value) {
		if (value != null) {
			// pgjdbc takes whole seconds and reads 0 as "no timeout", so round up
			long seconds = (value.toMillis() + 999) / 1000;
			properties.setProperty(name, Long.toString(seconds));
		}
	}

	private static void putIfSet(Properties properties, String name, @Nullable String value) {
		if (value != null) {
			properties.setProperty(name, value);
		}
	}

}
