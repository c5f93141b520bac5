package dev.poolstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL cluster run from the local server binaries in a temporary directory, on a
 * free loopback port and without a Unix socket: made by {@code initdb}, or by
 * {@code pg_basebackup -R} of another server as its streaming standby. As root, the
 * binaries run as the {@code postgres} user, since PostgreSQL refuses to run as root. It
 * is removed on {@link #close()}, or when the JVM exits.
 *
 * @author pool-starter
 */
final class LocalCluster implements AutoCloseable {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private final Path bindir;

	private final Path directory;

	private final @Nullable String runAs;

	private final int port;

	private final Thread shutdownHook;

	private LocalCluster(Path bindir) {
		this.bindir = bindir;
		this.runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
		this.directory = createDirectory(this.runAs);
		this.port = FreePort.closed();
		this.shutdownHook = new Thread(this::remove);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Make a new cluster with {@code initdb}, superuser {@code postgres}.
	 * @param bindir the binaries
	 * @param settings settings added to its {@code postgresql.conf}
	 * @param hba its {@code pg_hba.conf}
	 * @return the cluster, not started
	 */
	static LocalCluster initdb(Path bindir, Map<String, String> settings, String hba) {
		LocalCluster cluster = new LocalCluster(bindir);
		try {
			cluster.require("initdb", List.of(bindir.resolve("initdb").toString(), "-D", cluster.data().toString(),
					"-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"),
					null);
			cluster.configure(settings, hba, true);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Make a streaming standby of a server with {@code pg_basebackup -R}.
	 * @param bindir the binaries, of the server's major version
	 * @param primary the server, which must allow replication connections
	 * @param settings its {@code postgresql.conf}, which replaces the primary's
	 * @param hba its {@code pg_hba.conf}
	 * @return the standby, not started
	 */
	static LocalCluster baseBackup(Path bindir, TestPostgres.Server primary, Map<String, String> settings,
			String hba) {
		LocalCluster cluster = new LocalCluster(bindir);
		try {
			List<String> command = new ArrayList<>(List.of(bindir.resolve("pg_basebackup").toString(), "-h",
					primary.host(), "-p", Integer.toString(primary.port()), "-D", cluster.data().toString(), "-R", "-X",
					"stream", "-c", "fast", "--no-sync"));
			if (primary.username() != null) {
				command.addAll(List.of("-U", primary.username()));
			}
			cluster.require("pg_basebackup of " + primary.description(), command, primary.password());
			cluster.configure(settings, hba, false);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Start the cluster and wait until it accepts connections.
	 */
	void start() {
		pgCtl("-l", this.directory.resolve("postgres.log").toString(), "-w", "-t", "60", "start");
	}

	/**
	 * Stop the cluster (fast shutdown), keeping its data.
	 */
	void stop() {
		pgCtl("-m", "fast", "-w", "stop");
	}

	/**
	 * Return what the server logged so far.
	 * @return the log
	 */
	String log() {
		try {
			Path log = this.directory.resolve("postgres.log");
			return Files.exists(log) ? Files.readString(log) : "(no log)";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
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

	private Path data() {
		return this.directory.resolve("data");
	}

	private void configure(Map<String, String> settings, String hba, boolean append) {
		StringBuilder conf = new StringBuilder();
		conf.append("listen_addresses = '127.0.0.1'\nport = ").append(this.port).append('\n');
		conf.append("unix_socket_directories = ''\nlogging_collector = off\n");
		settings.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
		write(data().resolve("postgresql.conf"), conf.toString(), append);
		write(data().resolve("pg_hba.conf"), hba, false);
		write(data().resolve("pg_ident.conf"), "", false);
	}

	private void pgCtl(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(this.bindir.resolve("pg_ctl").toString(), "-D", data().toString()));
		command.addAll(List.of(arguments));
		require("pg_ctl " + String.join(" ", arguments), command, null);
	}

	private void require(String what, List<String> command, @Nullable String password) {
		Result result = run(command, password);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(what + " failed: " + result.output() + "\nlog:\n" + log());
		}
	}

	private void remove() {
		if (Files.exists(data().resolve("postmaster.pid"))) {
			run(List.of(this.bindir.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
					"stop"), null);
		}
		LocalFiles.delete(this.directory);
	}

	private Result run(List<String> command, @Nullable String password) {
		List<String> full = new ArrayList<>();
		if (this.runAs != null) {
			full.addAll(List.of("runuser", "-u", this.runAs, "--"));
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		if (password != null) {
			builder.environment().put("PGPASSWORD", password);
		}
		builder.environment().put("PGCONNECT_TIMEOUT", "5");
		return execute(builder);
	}

	static Result execute(ProcessBuilder builder) {
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

	private static Path createDirectory(@Nullable String owner) {
		try {
			Path directory = Files.createTempDirectory("pool-test-postgres-");
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			if (owner != null) {
				UserPrincipal user = directory.getFileSystem().getUserPrincipalLookupService()
					.lookupPrincipalByName(owner);
				Files.setOwner(directory, user);
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the cluster's directory", ex);
		}
	}

	private void write(Path file, String content, boolean append) {
		try {
			if (append) {
				Files.writeString(file, content, StandardOpenOption.APPEND);
			}
			else {
				Files.writeString(file, content);
			}
			if (this.runAs != null) {
				Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService()
					.lookupPrincipalByName(this.runAs));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Result(int exitCode, String output) {

	}

}
