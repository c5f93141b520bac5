package dev.poolstarter.test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Logins whose password the server really checks: members of the group role
 * {@value #GROUP}, which {@code pg_hba.conf} sends to {@code scram-sha-256} above the
 * lines that trust everyone else. Each login gets a random password and a database of its
 * own, and is dropped when the JVM exits.
 *
 * @author pool-starter
 */
final class PasswordCheckedRoles {

	/**
	 * Group role whose members must give their password.
	 */
	static final String GROUP = "pool_test_password_checked";

	/**
	 * SQL state of {@code invalid_password}.
	 */
	static final String INVALID_PASSWORD = "28P01";

	private static final List<String> HBA_LINES = List.of(
			"# pool-starter tests: members of " + GROUP + " log in with their password",
			"host all +" + GROUP + " 127.0.0.1/32 scram-sha-256", "host all +" + GROUP + " ::1/128 scram-sha-256");

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(15);

	private static final SecureRandom random = new SecureRandom();

	private PasswordCheckedRoles() {
	}

	/**
	 * Return the {@code pg_hba.conf} of a private cluster: the group's members give their
	 * password, everyone else is trusted, and replication connections are allowed.
	 * @return the file's content
	 */
	static String privateClusterHba() {
		List<String> lines = new ArrayList<>(HBA_LINES);
		lines.addAll(List.of("local all all trust", "host all all 127.0.0.1/32 trust", "host all all ::1/128 trust",
				"local replication all trust", "host replication all 127.0.0.1/32 trust",
				"host replication all ::1/128 trust"));
		return String.join("\n", lines) + "\n";
	}

	/**
	 * Create a login in the group, with a random password and a database it owns.
	 * @param admin a superuser login to the server
	 * @return the login, connecting to its database
	 */
	static TestPostgres.Server create(TestPostgres.Server admin) {
		String name = "pool_test_pw_" + hex(4);
		String password = "Pw" + hex(10);
		execute(admin, "SET password_encryption = 'scram-sha-256'",
				"DO $$ BEGIN CREATE ROLE " + GROUP + " NOLOGIN; "
						+ "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
				"CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "' IN ROLE " + GROUP,
				"CREATE DATABASE " + name + " OWNER " + name);
		String url = "jdbc:postgresql://" + admin.host() + ":" + admin.port() + "/" + name;
		return new TestPostgres.Server(admin.source(), url, name, password,
				"role " + name + " (password checked) on " + admin.description());
	}

	/**
	 * Whether the server refuses the login with a wrong password, and takes the right one.
	 * @param role the login
	 * @return whether its password is checked
	 * @throws IllegalStateException when the right password is refused
	 */
	static boolean checksPassword(TestPostgres.Server role) {
		try (Connection connection = role.withPassword("not-" + role.password()).connect()) {
			return false;
		}
		catch (SQLException ex) {
			if (!INVALID_PASSWORD.equals(ex.getSQLState())) {
				throw new IllegalStateException("Unexpected failure of a wrong password for " + role.description()
						+ ": " + ex.getMessage(), ex);
			}
		}
		try (Connection connection = role.connect()) {
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(role.description() + " refuses its own password: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Make a server on this machine check the group's passwords: put the group's lines at
	 * the top of its {@code pg_hba.conf} (once; they concern the group only) and reload it.
	 * @param admin a superuser login to the server
	 * @return why it could not, or {@code null} when it did
	 */
	static @Nullable String requireOnLocalServer(TestPostgres.Server admin) {
		if (!TestReplica.isLoopback(admin.host())) {
			return admin.description() + " is not on this machine";
		}
		Path hba;
		try {
			hba = Path.of(query(admin, "SHOW hba_file"));
		}
		catch (IllegalStateException ex) {
			return "cannot read its hba_file setting (" + ex.getMessage() + ")";
		}
		if (!Files.isWritable(hba)) {
			return hba + " is not writable by " + System.getProperty("user.name");
		}
		try (FileChannel lock = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "pool-test-pg-hba.lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock held = lock.lock()) {
			List<String> lines = Files.readAllLines(hba);
			if (!lines.containsAll(HBA_LINES.subList(1, HBA_LINES.size()))) {
				List<String> changed = new ArrayList<>(HBA_LINES);
				changed.addAll(lines);
				replace(hba, String.join("\n", changed) + "\n");
			}
			query(admin, "SELECT pg_reload_conf()");
		}
		catch (AccessDeniedException ex) {
			return "cannot write " + hba + " (" + ex.getMessage() + ")";
		}
		catch (IOException | IllegalStateException ex) {
			return "cannot change " + hba + " (" + ex.getMessage() + ")";
		}
		String errors = query(admin,
				"SELECT coalesce(string_agg(line_number || ': ' || error, '; '), '') FROM pg_hba_file_rules "
						+ "WHERE error IS NOT NULL");
		return errors.isEmpty() ? null : hba + " has errors, so the server kept its old rules: " + errors;
	}

	/**
	 * Wait until the server checks the login's password, after a reload of its rules.
	 * @param role the login
	 * @return whether it does within the timeout
	 */
	static boolean awaitChecked(TestPostgres.Server role) {
		long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (checksPassword(role)) {
				return true;
			}
			LocalFiles.sleep(Duration.ofMillis(100));
		}
		return false;
	}

	static void drop(TestPostgres.Server admin, String name) {
		try {
			execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "DROP ROLE IF EXISTS " + name);
		}
		catch (IllegalStateException ex) {
			// the server may be gone already at exit
		}
	}

	/**
	 * Replace the file in one step, keeping its owner and permissions, so that the server
	 * never reads half of it.
	 */
	private static void replace(Path file, String content) throws IOException {
		Path next = file.resolveSibling(file.getFileName() + ".pool-test");
		Files.writeString(next, content);
		PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
		PosixFileAttributeView view = Files.getFileAttributeView(next, PosixFileAttributeView.class);
		view.setPermissions(attributes.permissions());
		view.setOwner(attributes.owner());
		view.setGroup(attributes.group());
		Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void execute(TestPostgres.Server server, String... statements) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static String query(TestPostgres.Server server, String sql) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
