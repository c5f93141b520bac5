package dev.poolstarter.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server under test: a pgjdbc URL and a login, from the environment
 * ({@code BENCH_DATABASE_URL}, {@code BENCH_DATABASE_USER}, {@code BENCH_DATABASE_PASSWORD})
 * or the local server's defaults.
 *
 * @param url the pgjdbc URL
 * @param user the login user
 * @param password the password, or {@code null} for none
 */
record Database(String url, String user, @Nullable String password) {

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	static Database fromEnvironment(Map<String, String> environment) {
		String password = environment.get("BENCH_DATABASE_PASSWORD");
		return new Database(environment.getOrDefault("BENCH_DATABASE_URL", DEFAULT_URL),
				environment.getOrDefault("BENCH_DATABASE_USER", "postgres"),
				(password != null && !password.isEmpty()) ? password : null);
	}

	Connection connect(String applicationName) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		properties.setProperty("ApplicationName", applicationName);
		return DriverManager.getConnection(this.url, properties);
	}

	/**
	 * Return the host, port and database for libpq clients such as pgbench.
	 * @return the parts of the URL that libpq understands
	 */
	LibpqTarget libpq() {
		URI uri = URI.create(this.url.substring("jdbc:".length()));
		String path = uri.getPath();
		String database = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
		String host = (uri.getHost() != null) ? uri.getHost() : "127.0.0.1";
		int port = (uri.getPort() > 0) ? uri.getPort() : 5432;
		return new LibpqTarget(host, port, database);
	}

	/**
	 * Where libpq connects.
	 *
	 * @param host the host
	 * @param port the port
	 * @param database the database
	 */
	record LibpqTarget(String host, int port, String database) {
	}

}
