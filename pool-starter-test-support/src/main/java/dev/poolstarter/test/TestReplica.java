package dev.poolstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and its streaming replica, both private to a test: the primary made with
 * {@code initdb}, the replica with {@code pg_basebackup -R} from it, each in a temporary
 * directory on a free loopback port. Both allow replication connections and check the
 * passwords of the logins from {@link #passwordChecked()}, and trust every other login,
 * whatever the machine's own PostgreSQL allows. The binaries come from
 * {@value #BINDIR_VARIABLE}, {@code pg_config --bindir}, or the newest of the usual
 * install directories ({@code /usr/lib/postgresql/<major>/bin} on Debian and Ubuntu); as
 * root, they run as the {@code postgres} user. Without binaries it fails and says how to
 * get them; it never skips. Both are removed on {@link #close()}, or when the JVM exits.
 *
 * @author pool-starter
 */
public final class TestReplica implements AutoCloseable {

	/**
	 * Environment variable with the directory of the PostgreSQL binaries to use.
	 */
	public static final String BINDIR_VARIABLE = "POOL_TEST_POSTGRES_BINDIR";

	private static final Logger logger = LoggerFactory.getLogger(TestReplica.class);

	private static final List<String> BINARIES = List.of("initdb", "pg_basebackup", "pg_ctl", "postgres");

	/**
	 * Settings of both: a hot standby needs the same limits as its primary at least.
	 */
	private static final Map<String, String> SETTINGS = Map.of("max_connections", "40", "max_wal_senders", "5",
			"max_worker_processes", "8", "max_prepared_transactions", "0", "max_locks_per_transaction", "64",
			"shared_buffers", "16MB", "fsync", "off", "wal_level", "replica", "hot_standby", "on",
			"wal_receiver_status_interval", "1s");

	private final LocalCluster primaryCluster;

	private final LocalCluster replicaCluster;

	private final TestPostgres.Server primary;

	private TestPostgres.@Nullable Server passwordChecked;

	private TestReplica(LocalCluster primaryCluster, LocalCluster replicaCluster, TestPostgres.Server primary) {
		this.primaryCluster = primaryCluster;
		this.replicaCluster = replicaCluster;
		this.primary = primary;
	}

	/**
	 * Make and start a private primary and a streaming replica of it.
	 * @return the running replica, caught up with its primary
	 */
	public static TestReplica start() {
		Path bindir = findBindir();
		String hba = PasswordCheckedRoles.privateClusterHba();
		LocalCluster primaryCluster = LocalCluster.initdb(bindir, SETTINGS, hba);
		LocalCluster replicaCluster = null;
		try {
			primaryCluster.start();
			TestPostgres.Server primary = new TestPostgres.Server(TestPostgres.Source.PRIVATE_CLUSTER,
					"jdbc:postgresql://127.0.0.1:" + primaryCluster.port() + "/postgres", "postgres", null,
					"private primary on 127.0.0.1:" + primaryCluster.port() + " (" + bindir + ")");
			replicaCluster = LocalCluster.baseBackup(bindir, primary, SETTINGS, hba);
			replicaCluster.start();
			TestReplica replica = new TestReplica(primaryCluster, replicaCluster, primary);
			replica.awaitQuery("SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver)",
					Duration.ofSeconds(60), "streaming from the primary");
			logger.info("Tests use {}", replica);
			return replica;
		}
		catch (RuntimeException ex) {
			if (replicaCluster != null) {
				replicaCluster.close();
			}
			primaryCluster.close();
			throw ex;
		}
	}

	/**
	 * Return the primary, as its superuser {@code postgres}.
	 * @return the primary
	 */
	public TestPostgres.Server primary() {
		return this.primary;
	}

	/**
	 * Return the replica's JDBC URL, without credentials.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.replicaCluster.port() + "/postgres";
	}

	/**
	 * Return the replica, as the superuser {@code postgres}.
	 * @return the replica's server
	 */
	public TestPostgres.Server server() {
		return onReplica(this.primary);
	}

	public int port() {
		return this.replicaCluster.port();
	}

	/**
	 * Return a login whose password both servers check, with a database of its own, on
	 * the primary; made on first use and shared by the callers of this replica.
	 * @return the login on the primary
	 * @see #onReplica(TestPostgres.Server)
	 */
	public synchronized TestPostgres.Server passwordChecked() {
		if (this.passwordChecked == null) {
			this.passwordChecked = TestPostgres.checkingPasswords(this.primary);
			awaitReplay(Duration.ofSeconds(60));
		}
		return this.passwordChecked;
	}

	/**
	 * Return a login of the primary as a login of the replica: the same user, password
	 * and database.
	 * @param login a login of the primary
	 * @return the login on the replica
	 */
	public TestPostgres.Server onReplica(TestPostgres.Server login) {
		String url = login.jdbcUrl().replace("127.0.0.1:" + this.primaryCluster.port() + "/",
				"127.0.0.1:" + this.replicaCluster.port() + "/");
		return new TestPostgres.Server(login.source(), url, login.username(), login.password(),
				"replica of " + login.description());
	}

	/**
	 * Stop the replica (fast shutdown), keeping its data for {@link #startAgain()}.
	 */
	public void stop() {
		this.replicaCluster.stop();
	}

	/**
	 * Start the replica again after {@link #stop()} and wait until it streams.
	 */
	public void startAgain() {
		this.replicaCluster.start();
		awaitQuery("SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver)",
				Duration.ofSeconds(60), "streaming from the primary");
	}

	/**
	 * Pause the replica's replay of the WAL it receives ({@code pg_wal_replay_pause()}):
	 * it keeps receiving, and falls behind with every write on the primary.
	 */
	public void pauseReplay() {
		query(server(), "SELECT pg_wal_replay_pause()");
		awaitQuery("SELECT pg_is_wal_replay_paused()", Duration.ofSeconds(30), "paused");
	}

	/**
	 * Resume the replica's replay ({@code pg_wal_replay_resume()}).
	 */
	public void resumeReplay() {
		query(server(), "SELECT pg_wal_replay_resume()");
	}

	/**
	 * Wait until the replica has replayed everything the primary wrote so far.
	 * @param timeout the longest wait
	 */
	public void awaitReplay(Duration timeout) {
		String target = query(this.primary, "SELECT pg_current_wal_lsn()::text");
		awaitQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn", timeout,
				"replay of the primary's WAL up to " + target);
	}

	@Override
	public void close() {
		this.replicaCluster.close();
		this.primaryCluster.close();
	}

	@Override
	public String toString() {
		return "streaming replica on 127.0.0.1:" + this.replicaCluster.port() + " of the " + this.primary.description();
	}

	private void awaitQuery(String sql, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			try {
				if ("t".equals(query(server(), sql))) {
					return;
				}
				last = "not yet";
			}
			catch (IllegalStateException ex) {
				last = ex.getMessage();
			}
			LocalFiles.sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException("Replica on 127.0.0.1:" + port() + " not " + what + " within "
				+ timeout.toSeconds() + " s (" + last + "); log:\n" + this.replicaCluster.log());
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

	/**
	 * Find server binaries with initdb, pg_basebackup, pg_ctl and postgres: the explicit
	 * directory, {@code pg_config --bindir}, else the newest major version in the usual
	 * install directories.
	 */
	static Path findBindir() {
		List<Path> candidates = new ArrayList<>();
		String explicit = System.getenv(BINDIR_VARIABLE);
		if (explicit != null && !explicit.isBlank()) {
			candidates.add(Path.of(explicit.trim()));
		}
		String pgConfig = pgConfigBindir();
		if (pgConfig != null) {
			candidates.add(Path.of(pgConfig));
		}
		candidates.addAll(newestFirst(Path.of("/usr/lib/postgresql"), "", "bin"));
		candidates.addAll(newestFirst(Path.of("/usr"), "pgsql-", "bin"));
		candidates.addAll(newestFirst(Path.of("/opt/homebrew/opt"), "postgresql@", "bin"));
		candidates.addAll(newestFirst(Path.of("/usr/local/opt"), "postgresql@", "bin"));
		List<String> tried = new ArrayList<>();
		for (Path candidate : candidates) {
			String problem = problemWith(candidate);
			if (problem == null) {
				return candidate;
			}
			tried.add(candidate + ": " + problem);
		}
		if (tried.isEmpty()) {
			tried.add("no pg_config on the PATH, nothing in /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin or "
					+ "/opt/homebrew/opt/postgresql@*/bin");
		}
		throw new IllegalStateException("No replica for the tests: no PostgreSQL server binaries with "
				+ String.join(", ", BINARIES) + ". Tried:\n  - " + String.join("\n  - ", tried)
				+ "\nInstall them ('apt-get install postgresql' on Debian and Ubuntu, 'brew install postgresql@17' on "
				+ "macOS) or set " + BINDIR_VARIABLE + " to their directory.");
	}

	private static List<Path> newestFirst(Path parent, String prefix, String child) {
		if (!Files.isDirectory(parent)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(parent)) {
			return entries.filter((entry) -> entry.getFileName().toString().startsWith(prefix))
				.filter((entry) -> version(entry, prefix) >= 0)
				.sorted(Comparator.comparingInt((Path entry) -> version(entry, prefix)).reversed())
				.map((entry) -> entry.resolve(child))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int version(Path entry, String prefix) {
		try {
			return Integer.parseInt(entry.getFileName().toString().substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static @Nullable String problemWith(Path bindir) {
		for (String binary : BINARIES) {
			if (!Files.isExecutable(bindir.resolve(binary))) {
				return "no " + binary;
			}
		}
		return null;
	}

	private static @Nullable String pgConfigBindir() {
		try {
			LocalCluster.Result result = LocalCluster
				.execute(new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true));
			return (result.exitCode() == 0) ? result.output() : null;
		}
		catch (UncheckedIOException ex) {
			return null;
		}
	}

	static boolean isLoopback(String host) {
		return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
	}

}
