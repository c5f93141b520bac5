package dev.poolstarter.postgres.settings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.UrlMasking;

/**
 * A PostgreSQL URL as teams already have it: {@code postgresql://} or {@code postgres://}
 * with Prisma's pool parameters, or a {@code jdbc:postgresql:} URL. Credentials are kept
 * apart from the JDBC URL so that the URL can be shown.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class DatabaseUrl {

	private static final String EXAMPLE = "postgresql://user:password@host:5432/database?connection_limit=10";

	/**
	 * Parameters understood in {@code postgresql://} URLs, with the setting each feeds.
	 */
	static final Map<String, String> URL_PARAMETERS = urlParameters();

	/**
	 * pgjdbc's names of the parameters that the pool sets itself, taken out of a
	 * {@code jdbc:postgresql:} URL into the URL's settings layer.
	 */
	private static final Map<String, String> JDBC_PARAMETERS = Map.of("connectTimeout", "connect_timeout",
			"socketTimeout", "socket_timeout", "currentSchema", "schema", "sslmode", "sslmode", "ApplicationName",
			"application_name", "preparedStatementCacheQueries", "statement_cache_size");

	private final String source;

	private final String jdbcUrl;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String options;

	private final Map<String, String> secretParameters;

	private final PostgresSettings settings;

	private final Map<String, String> parameterNames;

	private DatabaseUrl(String source, String jdbcUrl, @Nullable String username, @Nullable String password,
			@Nullable String options, Map<String, String> secretParameters, PostgresSettings settings,
			Map<String, String> parameterNames) {
		this.source = source;
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
		this.options = options;
		this.secretParameters = Map.copyOf(secretParameters);
		this.settings = settings;
		this.parameterNames = parameterNames;
	}

	private static Map<String, String> urlParameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("connection_limit", PostgresSetting.MAX_CONNECTIONS.key());
		parameters.put("pool_timeout", PostgresSetting.POOL_TIMEOUT.key());
		parameters.put("connect_timeout", PostgresSetting.CONNECT_TIMEOUT.key());
		parameters.put("socket_timeout", PostgresSetting.SOCKET_TIMEOUT.key());
		parameters.put("schema", PostgresSetting.SCHEMA.key());
		parameters.put("sslmode", PostgresSetting.SSL_MODE.key());
		parameters.put("application_name", PostgresSetting.APPLICATION_NAME.key());
		parameters.put("pgbouncer", PostgresSetting.PGBOUNCER.key());
		parameters.put("statement_cache_size", PostgresSetting.STATEMENT_CACHE_SIZE.key());
		return parameters;
	}

	/**
	 * Parse a URL.
	 * @param url the URL
	 * @param source where it came from, such as {@code DATABASE_URL}
	 * @return the parsed URL
	 * @throws InvalidDatabaseUrlException when the URL cannot be used
	 */
	public static DatabaseUrl parse(String url, String source) {
		String trimmed = url.trim();
		if (trimmed.startsWith("jdbc:postgresql:")) {
			return new Parser(trimmed, source).parseJdbc();
		}
		if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
			return new Parser(trimmed, source).parseUri();
		}
		if (trimmed.startsWith("jdbc:")) {
			throw new InvalidDatabaseUrlException(source, mask(trimmed), "it is not a PostgreSQL URL",
					"pool-starter builds PostgreSQL pools. Point " + source
							+ " at PostgreSQL, or set pool.postgres.enabled=false to let Spring Boot build this DataSource.");
		}
		throw new InvalidDatabaseUrlException(source, mask(trimmed),
				"it starts with neither postgresql://, postgres:// nor jdbc:postgresql:",
				"Use a URL such as " + EXAMPLE + " or jdbc:postgresql://host:5432/database.");
	}

	/**
	 * Return the URL with any password replaced by {@code ****}.
	 * @param url the URL
	 * @return the masked URL
	 */
	public static String mask(String url) {
		return UrlMasking.mask(url);
	}

	/**
	 * Return where the URL came from.
	 * @return the source, such as {@code DATABASE_URL}
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Return the JDBC URL for pgjdbc, without credentials and without the parameters that
	 * the pool sets itself.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public @Nullable String username() {
		return this.username;
	}

	public @Nullable String password() {
		return this.password;
	}

	/**
	 * Return the JDBC URL as it may be shown in logs, messages and endpoints.
	 * @return the URL with any secret masked
	 */
	public String displayUrl() {
		return mask(this.jdbcUrl);
	}

	/**
	 * Return pgjdbc parameters of a JDBC URL that hold secrets (such as
	 * {@code sslpassword}), taken out of the URL so that it can be shown.
	 * @return the parameters by pgjdbc name
	 */
	public Map<String, String> secretParameters() {
		return this.secretParameters;
	}

	/**
	 * Return the pgjdbc {@code options} parameter of a JDBC URL, to which the pool adds
	 * its session settings.
	 * @return the options or {@code null}
	 */
	public @Nullable String options() {
		return this.options;
	}

	/**
	 * Return the pool settings that the URL's parameters set, as a layer whose origins
	 * name the parameter.
	 * @return the layer
	 */
	public Layer<PostgresSettings> layer() {
		return Layer.keyed(this.settings,
				(key) -> this.source + " " + this.parameterNames.getOrDefault(key, key));
	}

	/**
	 * Return the pool settings the URL's parameters set.
	 * @return the settings, unset where no parameter names them
	 */
	public PostgresSettings settings() {
		return this.settings;
	}

	@Override
	public String toString() {
		return this.jdbcUrl;
	}

	private static final class Parser {

		private final String url;

		private final String source;

		private final PostgresSettings settings = new PostgresSettings();

		private final Map<String, String> parameterNames = new LinkedHashMap<>();

		private @Nullable String username;

		private @Nullable String password;

		private @Nullable String options;

		private final Map<String, String> secretParameters = new LinkedHashMap<>();

		Parser(String url, String source) {
			this.url = url;
			this.source = source;
		}

		DatabaseUrl parseUri() {
			String rest = this.url.substring(this.url.indexOf("://") + 3);
			String query = null;
			int queryStart = rest.indexOf('?');
			if (queryStart >= 0) {
				query = rest.substring(queryStart + 1);
				rest = rest.substring(0, queryStart);
			}
			int at = rest.lastIndexOf('@');
			if (at >= 0) {
				parseUserInfo(rest.substring(0, at));
				rest = rest.substring(at + 1);
			}
			int slash = rest.indexOf('/');
			String hosts = (slash >= 0) ? rest.substring(0, slash) : rest;
			String database = (slash >= 0) ? decode(rest.substring(slash + 1), "database name") : "";
			checkHosts(hosts);
			if (database.isEmpty()) {
				throw invalid("it names no database", "Add the database name after the host: " + EXAMPLE + ".");
			}
			if (query != null) {
				for (String pair : query.split("&")) {
					if (!pair.isEmpty()) {
						applyUrlParameter(pair);
					}
				}
			}
			return build("jdbc:postgresql://" + hosts + "/" + encodePath(database));
		}

		DatabaseUrl parseJdbc() {
			int queryStart = this.url.indexOf('?');
			String base = (queryStart >= 0) ? this.url.substring(0, queryStart) : this.url;
			if (base.startsWith("jdbc:postgresql://")) {
				String rest = base.substring("jdbc:postgresql://".length());
				int slash = rest.indexOf('/');
				checkHosts((slash >= 0) ? rest.substring(0, slash) : rest);
			}
			List<String> kept = new ArrayList<>();
			if (queryStart >= 0) {
				for (String pair : this.url.substring(queryStart + 1).split("&")) {
					if (!pair.isEmpty() && !applyJdbcParameter(pair)) {
						kept.add(pair);
					}
				}
			}
			String jdbcUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
			if (Driver.parseURL(jdbcUrl, null) == null) {
				throw invalid("pgjdbc cannot parse it", "Use jdbc:postgresql://host:5432/database.");
			}
			return build(jdbcUrl);
		}

		private DatabaseUrl build(String jdbcUrl) {
			return new DatabaseUrl(this.source, jdbcUrl, this.username, this.password, this.options,
					this.secretParameters, this.settings, this.parameterNames);
		}

		private void parseUserInfo(String userInfo) {
			int colon = userInfo.indexOf(':');
			String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
			this.username = user.isEmpty() ? null : decode(user, "user name");
			if (colon >= 0) {
				this.password = decode(userInfo.substring(colon + 1), "password");
			}
		}

		private void checkHosts(String hosts) {
			if (hosts.isEmpty()) {
				throw invalid("it names no host", "Put the host after the credentials: " + EXAMPLE + ".");
			}
			for (String authority : hosts.split(",", -1)) {
				checkAuthority(authority);
			}
		}

		/**
		 * Check one {@code host[:port]}: pgjdbc reads only up to the last colon, so that
		 * {@code host:5432:5432} would reach a host named {@code host:5432}.
		 */
		private void checkAuthority(String authority) {
			String host = authority;
			int closingBracket = authority.lastIndexOf(']');
			int portStart = authority.lastIndexOf(':');
			if (authority.startsWith("[") && closingBracket < 0) {
				throw invalid("the IPv6 address in '" + authority + "' has no closing ']'",
						"Write an IPv6 address in brackets, as in [::1]:5432.");
			}
			if (portStart > closingBracket) {
				checkPort(authority.substring(portStart + 1), authority);
				host = authority.substring(0, portStart);
			}
			if (host.isEmpty()) {
				throw invalid("it has an empty host name", "Name each host, as in " + EXAMPLE + ".");
			}
			if (!host.startsWith("[") && host.indexOf(':') >= 0) {
				String name = (host.indexOf(':') > 0) ? host.substring(0, host.indexOf(':')) : "db";
				throw invalid("the host and port '" + authority + "' hold more than one ':'",
						"Give each host one port, as in " + name + ":" + authority.substring(portStart + 1)
								+ ", and write an IPv6 address in brackets, as in [::1]:5432.");
			}
		}

		private void checkPort(String port, String authority) {
			if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				int number = Integer.parseInt(port);
				if (number >= 1 && number <= 65535) {
					return;
				}
			}
			throw invalid("port '" + port + "' in '" + authority + "' is not a number from 1 to 65535",
					"Use the server's port, 5432 unless it was changed, or leave out the ':' for 5432.");
		}

		private void applyUrlParameter(String pair) {
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair, "parameter name");
			String value = (equals >= 0) ? decode(pair.substring(equals + 1), "parameter " + name) : "";
			if (!URL_PARAMETERS.containsKey(name)) {
				throw invalid("unknown parameter '" + name + "'",
						"Remove it or use one of the known parameters: " + String.join(", ", URL_PARAMETERS.keySet())
								+ ".");
			}
			apply(name, value);
		}

		private boolean applyJdbcParameter(String pair) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? decode(pair.substring(equals + 1), "parameter " + name) : "";
			switch (name) {
				case "user" -> this.username = value;
				case "password" -> this.password = value;
				case "options" -> this.options = value;
				case "sslpassword" -> this.secretParameters.put("sslPassword", value);
				case "ssl" -> applySsl(value);
				default -> {
					String urlName = JDBC_PARAMETERS.get(name);
					if (urlName != null) {
						apply(urlName, value);
						this.parameterNames.put(URL_PARAMETERS.get(urlName), name);
					}
					else if (URL_PARAMETERS.containsKey(name)) {
						apply(name, value);
					}
					else if (PGProperty.forName(name) != null) {
						return false;
					}
					else {
						throw invalid("unknown parameter '" + name + "', which pgjdbc would silently ignore",
								"Correct or remove it. The pool's parameters are "
										+ String.join(", ", URL_PARAMETERS.keySet())
										+ "; pgjdbc's own are listed in its documentation.");
					}
				}
			}
			return true;
		}

		/**
		 * pgjdbc reads {@code ssl=true} without an sslmode as verify-full; keep that
		 * meaning rather than fall back to the default mode.
		 */
		private void applySsl(String value) {
			if (this.settings.getSslMode() == null) {
				this.settings.setSslMode(bool("ssl", value) ? SslMode.VERIFY_FULL : SslMode.DISABLE);
				this.parameterNames.put(PostgresSetting.SSL_MODE.key(), "ssl");
			}
		}

		private void apply(String name, String value) {
			this.parameterNames.put(URL_PARAMETERS.get(name), name);
			switch (name) {
				case "connection_limit" -> this.settings.setMaxConnections(PoolSize.of(integer(name, value)));
				case "pool_timeout" -> this.settings.setPoolTimeout(seconds(name, value));
				case "connect_timeout" -> this.settings.setConnectTimeout(seconds(name, value));
				case "socket_timeout" -> this.settings.setSocketTimeout(seconds(name, value));
				case "schema" -> this.settings.setSchema(value);
				case "sslmode" -> this.settings.setSslMode(sslMode(value));
				case "application_name" -> this.settings.setApplicationName(value);
				case "pgbouncer" -> this.settings
					.setPgbouncer(bool(name, value) ? PgBouncerMode.TRANSACTION : PgBouncerMode.OFF);
				case "statement_cache_size" -> this.settings.setStatementCacheSize(integer(name, value));
				default -> throw new IllegalStateException("Unmapped parameter " + name);
			}
		}

		private int integer(String name, String value) {
			try {
				return Integer.parseInt(value.trim());
			}
			catch (NumberFormatException ex) {
				throw invalid("parameter " + name + "='" + value + "' is not a whole number",
						"Give " + name + " a whole number, as in " + name + "=10.");
			}
		}

		private Duration seconds(String name, String value) {
			return Duration.ofSeconds(integer(name, value));
		}

		private boolean bool(String name, String value) {
			if (value.equalsIgnoreCase("true") || value.isEmpty()) {
				return true;
			}
			if (value.equalsIgnoreCase("false")) {
				return false;
			}
			throw invalid("parameter " + name + "='" + value + "' is neither true nor false",
					"Use " + name + "=true or " + name + "=false.");
		}

		private SslMode sslMode(String value) {
			try {
				return SslMode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				List<String> modes = new ArrayList<>();
				for (SslMode mode : SslMode.values()) {
					modes.add(mode.pgjdbcValue());
				}
				throw invalid("sslmode '" + value + "' is not an SSL mode",
						"Use one of: " + String.join(", ", modes) + ".");
			}
		}

		private String decode(String text, String what) {
			try {
				// '+' is a literal in URL user info and paths, not a space
				return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw invalid("the " + what + " has an invalid %-escape",
						"Percent-encode reserved characters in the " + what + " (for example '@' as %40, ':' as %3A).");
			}
		}

		private static String encodePath(String database) {
			return database.replace("%", "%25").replace("/", "%2F").replace("?", "%3F").replace("&", "%26");
		}

		private InvalidDatabaseUrlException invalid(String reason, String action) {
			return new InvalidDatabaseUrlException(this.source, mask(this.url), reason, action);
		}

	}

}
