package dev.poolstarter.postgres.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.util.PropertyElf;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

/**
 * The properties of pgjdbc's {@code PGSimpleDataSource} for one pool: per-pool connect
 * and socket timeouts in pgjdbc's seconds, and the server-side timeouts as start-up
 * options, so that every pooled connection has them from its first statement.
 *
 * @author pool-starter
 */
public final class PgjdbcOptions {

	public static final String DATA_SOURCE_CLASS_NAME = "org.postgresql.ds.PGSimpleDataSource";

	private PgjdbcOptions() {
	}

	public static Properties of(PostgresConnection connection, ResolvedSettings<PostgresSettings> settings) {
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
		boolean transactionPooling = isTransactionPooling(settings);
		if ((transactionPooling && !Boolean.TRUE.equals(settings.value(PostgresSetting.PGBOUNCER_PREPARED_STATEMENTS)))
				|| (cacheSize != null && cacheSize == 0)) {
			// PgBouncer in transaction mode hands statements to other server connections;
			// from 1.21 it can track them itself (max_prepared_statements)
			properties.setProperty("prepareThreshold", "0");
		}
		if (!connection.url().jdbcUrl().contains("tcpKeepAlive=")) {
			// detects a peer that vanished without a FIN; pgjdbc leaves it off
			properties.setProperty("tcpKeepAlive", "true");
		}
		String options = options(connection.url().options(), settings, !sendsStartupOptions(settings));
		putIfSet(properties, "options", options);
		return properties;
	}

	/**
	 * Whether the server-side timeouts go as start-up options: not through PgBouncer,
	 * which refuses the options parameter (or drops it when told to ignore it).
	 */
	public static boolean sendsStartupOptions(ResolvedSettings<PostgresSettings> settings) {
		PgBouncerMode mode = settings.value(PostgresSetting.PGBOUNCER);
		return mode == null || mode == PgBouncerMode.OFF;
	}

	/**
	 * Return the statements that set the server-side timeouts on a new connection
	 * through PgBouncer in session mode, where a session setting lasts as long as the
	 * client's connection.
	 */
	public static @Nullable String sessionSettingsSql(ResolvedSettings<PostgresSettings> settings) {
		if (settings.value(PostgresSetting.PGBOUNCER) != PgBouncerMode.SESSION) {
			return null;
		}
		List<String> statements = new ArrayList<>();
		addSet(statements, "statement_timeout", settings.value(PostgresSetting.STATEMENT_TIMEOUT));
		addSet(statements, "idle_in_transaction_session_timeout",
				settings.value(PostgresSetting.IDLE_IN_TRANSACTION_SESSION_TIMEOUT));
		addSet(statements, "lock_timeout", settings.value(PostgresSetting.LOCK_TIMEOUT));
		return statements.isEmpty() ? null : String.join("; ", statements);
	}

	private static void addSet(List<String> statements, String name, @Nullable Duration value) {
		if (value != null) {
			statements.add("SET " + name + " = " + value.toMillis());
		}
	}

	/**
	 * Whether PgBouncer pools server connections per transaction.
	 */
	public static boolean isTransactionPooling(ResolvedSettings<PostgresSettings> settings) {
		return settings.value(PostgresSetting.PGBOUNCER) == PgBouncerMode.TRANSACTION;
	}

	/**
	 * Return the pgjdbc start-up options that set the server-side timeouts, after any
	 * options the URL already has.
	 */
	static @Nullable String options(@Nullable String urlOptions, ResolvedSettings<PostgresSettings> settings,
			boolean behindPgBouncer) {
		List<String> options = new ArrayList<>();
		if (urlOptions != null && !urlOptions.isBlank()) {
			options.add(urlOptions.trim());
		}
		if (!behindPgBouncer) {
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
	private static <T> @Nullable T chosen(ResolvedSettings<PostgresSettings> settings, Setting<PostgresSettings, T> setting) {
		Resolved<T> resolved = settings.get(setting);
		return PostgresProfiles.isLibraryDefault(resolved.origin()) ? null : resolved.value();
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

	/**
	 * Return an unpooled data source with the pool's connection settings, for the
	 * start-up probes.
	 * @param connection where and as whom to connect
	 * @param settings the effective settings
	 * @return the data source
	 */
	public static PGSimpleDataSource probeDataSource(PostgresConnection connection,
			ResolvedSettings<PostgresSettings> settings) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		PropertyElf.setTargetFromProperties(dataSource, of(connection, settings));
		Duration connectTimeout = settings.value(PostgresSetting.CONNECT_TIMEOUT);
		dataSource.setLoginTimeout((connectTimeout != null) ? (int) connectTimeout.toSeconds() + 1 : 10);
		return dataSource;
	}

}
