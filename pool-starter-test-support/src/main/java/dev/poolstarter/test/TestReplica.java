package dev.poolstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real streaming replica of the {@link TestPostgres} server, for tests: a base backup
 * taken with {@code pg_basebackup -R} into a temporary directory and started with
 * {@code pg_ctl} as a hot standby on a free loopback port. The binaries must have the
 * server's major version: {@value #BINDIR_VARIABLE}, {@code pg_config --bindir}, or the
 * Debian layout {@code /usr/lib/postgresql/<major>/bin}. As root, they run as the
 * {@code postgres} user, since PostgreSQL refuses to run as root. Without binaries, or
 * when the server does not allow replication connections, it fails and says how to get
 * one; it never skips. Each instance is private to its test and is removed on
 * {@link #close()}, or when the JVM exits.
 *
 * @author pool-starter
 */
public final class TestReplica implements AutoCloseable {

	/**
	 * Environment variable with the directory of the PostgreSQL binaries to use.
	 */
	public static final String BINDIR_VARIABLE = "POOL_TEST_POSTGRES_BINDIR";

	private static final Logger logger = LoggerFactory.getLogger(TestReplica.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Settings a hot standby needs at least as high as its primary's.
	 */
	private static final List<String> PRIMARY_SETTINGS = List.of("max_connections", "max_worker_processes",
			"max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

	private final TestPostgres.Server primary;

	private final Path bindir;

	private final Path directory;

	private final @Nullable String runAs;

	private final int port;

	private final Thread shutdownHook;

	private TestReplica(TestPostgres.Server primary, Path bindir, Path directory, @Nullable String runAs, int port) {
		this.primary = primary;
		this.bindir = bindir;
		this.directory = directory;
		this.runAs = runAs;
		this.port = port;
		this.shutdownHook = new Thread(this::remove);
	}

	/**
	 * Make and start a streaming replica of a server.
	 * @param primary the server to replicate
	 * @return the running replica, caught up with the primary
	 */
	public static TestReplica start(TestPostgres.Server primary) {
		if (primary.source() == TestPostgres.Source.TESTCONTAINERS) {
			throw new IllegalStateException("No replica for the tests: the test PostgreSQL is a Testcontainers "
					+ "container, and TestReplica replicates a server on this machine only. Run the tests against "
					+ "a local PostgreSQL (" + TestPostgres.SOURCE_VARIABLE + "=local, or a server on 127.0.0.1:5432).");
		}
		if (!isLoopback(primary.host())) {
			throw new IllegalStateException("No replica for the tests: the test PostgreSQL at " + primary.host()
					+ " is not on this machine. Point " + TestPostgres.URL_VARIABLE
					+ " at a server on 127.0.0.1, or unset it to use the local one.");
		}
		Map<String, String> settings = primarySettings(primary);
		int major = Integer.parseInt(settings.get("server_version_num")) / 10000;
		Path bindir = findBindir(major);
		String runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
		TestReplica replica = new TestReplica(primary, bindir, createDirectory(runAs), runAs, FreePort.closed());
		Runtime.getRuntime().addShutdownHook(replica.shutdownHook);
		try {
			replica.baseBackup();
			replica.configure(settings);
			replica.start();
		}
		catch (RuntimeException ex) {
			replica.close();
			throw ex;
		}
		logger.info("Tests use {}", replica);
		return replica;
	}

	/**
	 * Return the replica's JDBC URL, without credentials.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database();
	}

	/**
	 * Return the replica as a server, with the primary's credentials.
	 * @return the replica's server
	 */
	public TestPostgres.Server server() {
		return new TestPostgres.Server(this.primary.source(), jdbcUrl(), this.primary.username(),
				this.primary.password(), toString());
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stop the replica (fast shutdown), keeping its data for {@link #start()}.
	 */
	public void stop() {
		pgCtl("-m", "fast", "-w", "stop");
	}

	/**
	 * Start the replica again after {@link #stop()} and wait until it streams.
	 */
	public void start() {
		pgCtl("-l", this.directory.resolve("postgres.log").toString(), "-w", "-t", "30", "start");
		awaitStreaming(Duration.ofSeconds(30));
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
		remove();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting: the hook runs anyway
		}
	}

	@Override
	public String toString() {
		return "streaming replica of " + this.primary.description() + " on 127.0.0.1:" + this.port + " ("
				+ this.bindir + ")";
	}

	private void baseBackup() {
		List<String> command = new ArrayList<>(List.of(this.bindir.resolve("pg_basebackup").toString(), "-h",
				this.primary.host(), "-p", Integer.toString(this.primary.port()), "-D",
				this.directory.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync"));
		if (this.primary.username() != null) {
			command.addAll(List.of("-U", this.primary.username()));
		}
		Result result = run(command);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("pg_basebackup of " + this.primary.description() + " failed: "
					+ result.output() + remedy(result.output()));
		}
	}

	private String remedy(String output) {
		if (!output.contains("pg_hba.conf")) {
			return "";
		}
		String hbaFile = "pg_hba.conf";
		try {
			hbaFile = query(this.primary, "SHOW hba_file");
		}
		catch (IllegalStateException ex) {
			// not a superuser: name the file only
		}
		return "\nThe server refuses replication connections. Add the line\n  host replication all 127.0.0.1/32 trust\n"
				+ "to " + hbaFile + " and reload it (SELECT pg_reload_conf()), or run .ci/run, which does that.";
	}

	private void configure(Map<String, String> settings) {
		Path data = this.directory.resolve("data");
		StringBuilder conf = new StringBuilder();
		conf.append("listen_addresses = '127.0.0.1'\nport = ").append(this.port).append('\n');
		conf.append("unix_socket_directories = ''\nhot_standby = on\nfsync = off\nshared_buffers = 16MB\n");
		conf.append("wal_receiver_status_interval = 1s\nlogging_collector = off\n");
		for (String name : PRIMARY_SETTINGS) {
			conf.append(name).append(" = ").append(settings.get(name)).append('\n');
		}
		// the backup may hold the primary's configuration, which names its port and files
		write(data.resolve("postgresql.conf"), conf.toString());
		write(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
		write(data.resolve("pg_ident.conf"), "");
	}

	private void awaitStreaming(Duration timeout) {
		awaitQuery("SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver)", timeout,
				"streaming from the primary");
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
		throw new IllegalStateException("Replica on 127.0.0.1:" + this.port + " not " + what + " within "
				+ timeout.toSeconds() + " s (" + last + "); log:\n" + log());
	}

	private void pgCtl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(this.bindir.resolve("pg_ctl").toString(), "-D",
				this.directory.resolve("data").toString()));
		command.addAll(List.of(arguments));
		Result result = run(command);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed: " + result.output()
					+ "\nlog:\n" + log());
		}
	}

	private String log() {
		try {
			Path log = this.directory.resolve("postgres.log");
			return Files.exists(log) ? Files.readString(log) : "(no log)";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	private void remove() {
		if (Files.exists(this.directory.resolve("data").resolve("postmaster.pid"))) {
			List<String> command = List.of(this.bindir.resolve("pg_ctl").toString(), "-D",
					this.directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
			run(command);
		}
		LocalFiles.delete(this.directory);
	}

	private Result run(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.runAs != null) {
			full.addAll(List.of("runuser", "-u", this.runAs, "--"));
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		if (this.primary.password() != null) {
			builder.environment().put("PGPASSWORD", this.primary.password());
		}
		builder.environment().put("PGCONNECT_TIMEOUT", "5");
		return execute(builder);
	}

	private static Result execute(ProcessBuilder builder) {
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", builder.command()) + " did not end within "
						+ COMMAND_TIMEOUT.toSeconds() + " s");
			}
			return new Result(process.exitValue(),
					new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + builder.command(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> primarySettings(TestPostgres.Server primary) {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Connection connection = primary.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('"
						+ String.join("', '", PRIMARY_SETTINGS) + "', 'server_version_num')")) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
			return settings;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the test PostgreSQL's settings: " + ex.getMessage(), ex);
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

	/**
	 * Find binaries of the server's major version, with pg_basebackup, pg_ctl and
	 * postgres: a standby runs only with its primary's major version.
	 */
	static Path findBindir(int major) {
		List<Path> candidates = new ArrayList<>();
		String explicit = System.getenv(BINDIR_VARIABLE);
		if (explicit != null && !explicit.isBlank()) {
			candidates.add(Path.of(explicit.trim()));
		}
		String pgConfig = pgConfigBindir();
		if (pgConfig != null) {
			candidates.add(Path.of(pgConfig));
		}
		candidates.add(Path.of("/usr/lib/postgresql", Integer.toString(major), "bin"));
		candidates.add(Path.of("/usr/pgsql-" + major, "bin"));
		candidates.add(Path.of("/opt/homebrew/opt/postgresql@" + major, "bin"));
		List<String> tried = new ArrayList<>();
		for (Path candidate : candidates) {
			String problem = problemWith(candidate, major);
			if (problem == null) {
				return candidate;
			}
			tried.add(candidate + ": " + problem);
		}
		throw new IllegalStateException("No replica for the tests: no PostgreSQL " + major
				+ " binaries with pg_basebackup, pg_ctl and postgres. Tried:\n  - " + String.join("\n  - ", tried)
				+ "\nInstall them ('apt-get install postgresql-" + major + "' on Debian and Ubuntu, 'brew install "
				+ "postgresql@" + major + "' on macOS) or set " + BINDIR_VARIABLE + " to their directory. An "
				+ "embedded test PostgreSQL ships no pg_basebackup: run the tests against a local server.");
	}

	private static @Nullable String problemWith(Path bindir, int major) {
		for (String binary : List.of("pg_basebackup", "pg_ctl", "postgres")) {
			if (!Files.isExecutable(bindir.resolve(binary))) {
				return "no " + binary;
			}
		}
		Result version = execute(new ProcessBuilder(bindir.resolve("postgres").toString(), "--version")
			.redirectErrorStream(true));
		String expected = "(PostgreSQL) " + major + ".";
		return version.output().contains(expected) ? null : "version " + version.output();
	}

	private static @Nullable String pgConfigBindir() {
		try {
			Result result = execute(new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true));
			return (result.exitCode() == 0) ? result.output() : null;
		}
		catch (UncheckedIOException ex) {
			return null;
		}
	}

	static boolean isLoopback(String host) {
		return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
	}

	private String database() {
		String path = this.primary.jdbcUrl().substring(this.primary.jdbcUrl().indexOf("//") + 2);
		path = path.substring(path.indexOf('/') + 1);
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

	private static Path createDirectory(@Nullable String owner) {
		try {
			Path directory = Files.createTempDirectory("pool-test-replica-");
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			if (owner != null) {
				UserPrincipal user = directory.getFileSystem().getUserPrincipalLookupService()
					.lookupPrincipalByName(owner);
				Files.setOwner(directory, user);
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the replica's directory", ex);
		}
	}

	private void write(Path file, String content) {
		try {
			Files.writeString(file, content);
			if (this.runAs != null) {
				Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService()
					.lookupPrincipalByName(this.runAs));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Result(int exitCode, String output) {

	}

}
