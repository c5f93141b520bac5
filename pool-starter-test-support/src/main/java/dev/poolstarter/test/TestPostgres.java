package dev.poolstarter.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Finds a real PostgreSQL for tests, in this order: the URL in
 * {@value #URL_VARIABLE}; a server answering on 127.0.0.1:5432; a Testcontainers
 * container when Docker answers; an embedded server from {@code io.zonky.test}. It logs
 * which one it uses and fails, saying how to get one, when none works. One server is
 * shared by every test in the JVM.
 *
 * @author pool-starter
 */
public final class TestPostgres {

	/**
	 * Environment variable with a JDBC URL (user and password as URL parameters) of the
	 * server to use.
	 */
	public static final String URL_VARIABLE = "POOL_TEST_POSTGRES_URL";

	/**
	 * Environment variable that, set to {@code embedded}, {@code testcontainers} or
	 * {@code local}, forces one source.
	 */
	public static final String SOURCE_VARIABLE = "POOL_TEST_POSTGRES";

	/**
	 * PostgreSQL image used with Testcontainers.
	 */
	public static final String IMAGE = "postgres:17-alpine";

	private static final Logger logger = LoggerFactory.getLogger(TestPostgres.class);

	private static final int LOCAL_PORT = 5432;

	private static @Nullable Server shared;

	private static @Nullable Server passwordChecked;

	private TestPostgres() {
	}

	/**
	 * Return the shared server, finding it on first use.
	 * @return the server
	 */
	public static synchronized Server get() {
		if (shared == null) {
			shared = find();
			logger.info("Tests use PostgreSQL from {}: {}", shared.source(), shared.description());
		}
		return shared;
	}

	/**
	 * Return a login whose password the server checks, for tests that prove a password
	 * is never shown: a role with a random password and a database of its own, in a group
	 * that {@code pg_hba.conf} sends to {@code scram-sha-256}. On the shared server when it
	 * checks passwords already, or when it runs on this machine and its
	 * {@code pg_hba.conf} is writable (two lines for the group are added at its top, once);
	 * else on a private embedded server that checks them. Wrong passwords are refused,
	 * which is checked before the login is returned. One login is shared by every test in
	 * the JVM; it is dropped when the JVM exits.
	 * @return the login, connecting to its own database
	 */
	public static synchronized Server passwordChecked() {
		if (passwordChecked == null) {
			passwordChecked = findPasswordChecked();
			logger.info("Tests log in with a password the server checks: {}", passwordChecked.description());
		}
		return passwordChecked;
	}

	private static Server findPasswordChecked() {
		Server server = get();
		Server role = PasswordCheckedRoles.create(server);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> PasswordCheckedRoles.drop(server, role.username())));
		if (PasswordCheckedRoles.checksPassword(role)) {
			return role;
		}
		String notChanged = PasswordCheckedRoles.requireOnLocalServer(server);
		if (notChanged == null && PasswordCheckedRoles.awaitChecked(role)) {
			return role;
		}
		logger.info("{} trusts every login and its pg_hba.conf cannot be changed ({}): a private embedded server "
				+ "checks the test login's password", server.description(),
				(notChanged != null) ? notChanged : "the changed rules did not apply");
		return checkingPasswords(startEmbeddedCheckingPasswords());
	}

	/**
	 * Start a private embedded PostgreSQL whose {@code pg_hba.conf} checks the passwords
	 * of the password-checked logins, stopped when the JVM exits.
	 * @return the server, with a superuser login
	 */
	static Server startEmbeddedCheckingPasswords() {
		return startEmbedded((directory) -> writeHba(directory.toPath()));
	}

	/**
	 * Create a password-checked login on a server whose rules check it already.
	 * @param admin a superuser login to the server
	 * @return the login
	 */
	static Server checkingPasswords(Server admin) {
		Server role = PasswordCheckedRoles.create(admin);
		if (!PasswordCheckedRoles.checksPassword(role)) {
			throw new IllegalStateException(admin.description() + " does not check the password of " + role.username());
		}
		return role;
	}

	private static void writeHba(Path dataDirectory) {
		try {
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), PasswordCheckedRoles.privateClusterHba());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Server find() {
		String forced = System.getenv(SOURCE_VARIABLE);
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return check(new Server(Source.ENVIRONMENT, url, null, null, URL_VARIABLE + "=" + url));
		}
		if (forced != null && !forced.isBlank()) {
			return switch (forced.trim()) {
				case "embedded" -> startEmbedded();
				case "testcontainers" -> startContainer();
				case "local" -> check(local());
				default -> throw new IllegalStateException(SOURCE_VARIABLE + "=" + forced
						+ " is not one of embedded, testcontainers, local");
			};
		}
		List<String> tried = new ArrayList<>();
		Server local = tryLocal(tried);
		if (local != null) {
			return local;
		}
		if (isDockerAvailable()) {
			return startContainer();
		}
		tried.add("Testcontainers: no Docker environment answers");
		try {
			return startEmbedded();
		}
		catch (RuntimeException ex) {
			tried.add("embedded PostgreSQL: " + ex.getMessage());
		}
		throw new IllegalStateException("No PostgreSQL for the tests. Tried:\n  - " + String.join("\n  - ", tried)
				+ "\nProvide one: set " + URL_VARIABLE
				+ "=jdbc:postgresql://host:5432/db?user=u&password=p, start PostgreSQL on 127.0.0.1:5432 "
				+ "(user postgres, trust or PGPASSWORD), or start Docker for Testcontainers.");
	}

	private static @Nullable Server tryLocal(List<String> tried) {
		if (!answers("127.0.0.1", LOCAL_PORT)) {
			tried.add("127.0.0.1:" + LOCAL_PORT + ": nothing listens");
			return null;
		}
		Server server = local();
		try (Connection connection = server.connect()) {
			return server;
		}
		catch (SQLException ex) {
			tried.add("127.0.0.1:" + LOCAL_PORT + " answers but refuses " + server.username() + ": " + ex.getMessage());
			return null;
		}
	}

	private static Server local() {
		String user = System.getenv().getOrDefault("PGUSER", "postgres");
		String password = System.getenv("PGPASSWORD");
		return new Server(Source.LOCAL_PORT, "jdbc:postgresql://127.0.0.1:" + LOCAL_PORT + "/postgres", user, password,
				"the server on 127.0.0.1:" + LOCAL_PORT);
	}

	/**
	 * Return the process id of the server process behind a connection.
	 * @param connection the connection
	 * @return its {@code pg_backend_pid()}
	 * @throws SQLException when the server cannot answer
	 */
	public static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	/**
	 * Start a private embedded PostgreSQL on a free port, stopped when the JVM exits.
	 * @return the server
	 */
	public static Server startEmbedded() {
		return startEmbedded((directory) -> {
		});
	}

	private static Server startEmbedded(Consumer<File> dataDirectoryCustomizer) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectoryCustomizer(dataDirectoryCustomizer)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
			return check(new Server(Source.EMBEDDED, url, "postgres", null,
					"embedded PostgreSQL on port " + postgres.getPort()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Embedded PostgreSQL did not start: " + ex.getMessage(), ex);
		}
	}

	private static Server startContainer() {
		return TestcontainersPostgres.start();
	}

	private static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Server check(Server server) {
		try (Connection connection = server.connect()) {
			return server;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL from " + server.source() + " (" + server.description()
					+ ") refuses connections: " + ex.getMessage(), ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting
		}
	}

	/**
	 * Where a test server came from.
	 */
	public enum Source {

		/** The URL in {@value TestPostgres#URL_VARIABLE}. */
		ENVIRONMENT,

		/** The server on the default local port. */
		LOCAL_PORT,

		/** A Testcontainers container. */
		TESTCONTAINERS,

		/** An embedded server started by the tests. */
		EMBEDDED,

		/** A cluster the tests made from the local server binaries. */
		PRIVATE_CLUSTER

	}

	/**
	 * A PostgreSQL server for tests.
	 *
	 * @param source where it came from
	 * @param jdbcUrl its JDBC URL
	 * @param username the user, or {@code null} when the URL holds it
	 * @param password the password, or {@code null}
	 * @param description what it is, for logs
	 */
	public record Server(Source source, String jdbcUrl, @Nullable String username, @Nullable String password,
			String description) {

		/**
		 * Open a plain connection, outside any pool.
		 * @return the connection
		 * @throws SQLException when the server refuses
		 */
		public Connection connect() throws SQLException {
			Properties properties = new Properties();
			if (this.username != null) {
				properties.setProperty("user", this.username);
			}
			if (this.password != null) {
				properties.setProperty("password", this.password);
			}
			properties.setProperty("connectTimeout", "5");
			return DriverManager.getConnection(this.jdbcUrl, properties);
		}

		/**
		 * Return this login with another password, such as a wrong one.
		 * @param password the password
		 * @return the login
		 */
		public Server withPassword(String password) {
			return new Server(this.source, this.jdbcUrl, this.username, password, this.description);
		}

		/**
		 * Return the host of the server.
		 * @return the host
		 */
		public String host() {
			return hostAndPort()[0];
		}

		/**
		 * Return the port of the server.
		 * @return the port
		 */
		public int port() {
			return Integer.parseInt(hostAndPort()[1]);
		}

		/**
		 * Return the server's URL in the {@code postgresql://user:password@host:port/db}
		 * form that DATABASE_URL uses.
		 * @param parameters query parameters to append, such as {@code connection_limit=3}
		 * @return the URL
		 */
		public String databaseUrl(String parameters) {
			String path = this.jdbcUrl.substring(this.jdbcUrl.indexOf("//") + 2);
			int query = path.indexOf('?');
			path = (query >= 0) ? path.substring(0, query) : path;
			String credentials = (this.username != null)
					? this.username + ((this.password != null) ? ":" + this.password : "") + "@" : "";
			return "postgresql://" + credentials + path + (parameters.isEmpty() ? "" : "?" + parameters);
		}

		private String[] hostAndPort() {
			String authority = this.jdbcUrl.substring(this.jdbcUrl.indexOf("//") + 2);
			authority = authority.substring(0, authority.indexOf('/'));
			int colon = authority.lastIndexOf(':');
			return (colon >= 0) ? new String[] { authority.substring(0, colon), authority.substring(colon + 1) }
					: new String[] { authority, "5432" };
		}

		/**
		 * Return Spring properties that point the starter at this server.
		 * @return properties such as {@code pool.postgres.url=...}
		 */
		public String[] poolProperties() {
			List<String> properties = new ArrayList<>();
			properties.add("pool.postgres.url=" + this.jdbcUrl);
			if (this.username != null) {
				properties.add("pool.postgres.username=" + this.username);
			}
			if (this.password != null) {
				properties.add("pool.postgres.password=" + this.password);
			}
			return properties.toArray(String[]::new);
		}

	}

}
