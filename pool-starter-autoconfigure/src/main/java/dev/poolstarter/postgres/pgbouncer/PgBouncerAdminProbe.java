package dev.poolstarter.postgres.pgbouncer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

import dev.poolstarter.postgres.settings.DatabaseUrl;
import dev.poolstarter.postgres.settings.InvalidDatabaseUrlException;

/**
 * Parses {@code pool.postgres.pgbouncer-admin-url} and reads PgBouncer's version, its
 * max_prepared_statements and its pool mode for the pool's database, once, at start-up.
 *
 * @author pool-starter
 */
public final class PgBouncerAdminProbe {

	public static final String PROPERTY = "pool.postgres.pgbouncer-admin-url";

	private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(\\.\\d+)?)");

	private PgBouncerAdminProbe() {
	}

	public static PgBouncerAddress address(String url) {
		DatabaseUrl parsed = DatabaseUrl.parse(url, PROPERTY);
		Properties properties = Driver.parseURL(parsed.jdbcUrl(), null);
		if (properties == null) {
			throw invalid(url, "pgjdbc cannot read it");
		}
		if (!"pgbouncer".equals(properties.getProperty("PGDBNAME"))) {
			throw new InvalidDatabaseUrlException(PROPERTY, DatabaseUrl.mask(url),
					"it names the database '" + properties.getProperty("PGDBNAME")
							+ "', and PgBouncer's admin console is the database 'pgbouncer'",
					"Use a URL such as postgresql://stats:password@pgbouncer-host:6432/pgbouncer, with a user listed in "
							+ "PgBouncer's admin_users or stats_users.");
		}
		String host = properties.getProperty("PGHOST").split(",")[0];
		int port = Integer.parseInt(properties.getProperty("PGPORT", "5432").split(",")[0]);
		return new PgBouncerAddress(host, port, parsed.username(), parsed.password(), parsed.displayUrl());
	}

	/**
	 * Return the database a JDBC URL names, as PgBouncer's clients name it.
	 */
	public static String databaseOf(String jdbcUrl) {
		Properties properties = Driver.parseURL(jdbcUrl, null);
		return (properties != null) ? properties.getProperty("PGDBNAME", "") : "";
	}

	public static PgBouncerAdmin read(PgBouncerAddress address, String database, String applicationName, Duration timeout) {
		try (PgBouncerAdminClient client = PgBouncerAdminClient.connect(address, applicationName, timeout)) {
			String version = version(client.query("SHOW VERSION"));
			Map<String, @Nullable String> config = config(client.query("SHOW CONFIG"));
			String poolMode = poolMode(client.query("SHOW DATABASES"), database, config.get("pool_mode"));
			return new PgBouncerAdmin(address, version, integer(config.get("max_prepared_statements")), poolMode,
					null);
		}
		catch (SQLException ex) {
			return new PgBouncerAdmin(address, null, null, null, ex.getMessage());
		}
	}

	private static String version(List<Map<String, @Nullable String>> rows) throws SQLException {
		String text = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
		Matcher matcher = VERSION.matcher(String.valueOf(text));
		if (!matcher.find()) {
			throw new SQLException("SHOW VERSION answered '" + text + "'", "XX000");
		}
		return matcher.group(1);
	}

	private static Map<String, @Nullable String> config(List<Map<String, @Nullable String>> rows) {
		Map<String, @Nullable String> config = new HashMap<>();
		rows.forEach((row) -> config.put(String.valueOf(row.get("key")), row.get("value")));
		return config;
	}

	private static @Nullable String poolMode(List<Map<String, @Nullable String>> databases, String database,
			@Nullable String global) {
		return databases.stream()
			.filter((row) -> database.equals(row.get("name")))
			.map((row) -> row.get("pool_mode"))
			.filter((mode) -> mode != null && !mode.isBlank())
			.findFirst()
			.orElse(global);
	}

	private static @Nullable Integer integer(@Nullable String value) {
		try {
			return (value != null) ? Integer.valueOf(value.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static InvalidDatabaseUrlException invalid(String url, String reason) {
		return new InvalidDatabaseUrlException(PROPERTY, DatabaseUrl.mask(url), reason,
				"Use a URL such as postgresql://stats:password@pgbouncer-host:6432/pgbouncer.");
	}

}
