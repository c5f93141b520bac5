package dev.poolstarter.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * A real PgBouncer in front of the {@link TestPostgres} server, for tests: the
 * {@code pgbouncer} binary started as a child process with a generated configuration on
 * a free loopback port, else the {@value #IMAGE} container when Docker answers. Without
 * either it fails and says how to get one; it never skips. Each instance is private to
 * its test and stops on {@link #close()}.
 *
 * @author pool-starter
 */
public final class TestPgBouncer implements AutoCloseable {

	/**
	 * Environment variable with the path of the {@code pgbouncer} binary to use.
	 */
	public static final String BINARY_VARIABLE = "POOL_TEST_PGBOUNCER_BINARY";

	/**
	 * PgBouncer image used with Testcontainers when no binary is installed.
	 */
	public static final String IMAGE = "edoburu/pgbouncer:v1.23.1-p3";

	/**
	 * User of PgBouncer's admin console; PgBouncer authenticates it itself, so it needs no
	 * role on the server.
	 */
	public static final String ADMIN_USER = "pool_admin";

	/**
	 * Password of {@link #ADMIN_USER}.
	 */
	public static final String ADMIN_PASSWORD = "pool-admin-secret";

	private static final Logger logger = LoggerFactory.getLogger(TestPgBouncer.class);

	private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin",
			"/opt/homebrew/bin", "/usr/bin");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+\\.\\d+(\\.\\d+)?)");

	private final TestPostgres.Server server;

	private final String host;

	private final int port;

	private final String version;

	private final String description;

	private final Runnable stop;

	private final Path log;

	private TestPgBouncer(TestPostgres.Server server, String host, int port, String version, String description,
			Path log, Runnable stop) {
		this.server = server;
		this.host = host;
		this.port = port;
		this.version = version;
		this.description = description;
		this.log = log;
		this.stop = stop;
	}

	/**
	 * Start configuring a PgBouncer in front of a server: transaction pooling,
	 * {@code auth_type=trust}, two server connections per pool.
	 * @param server the PostgreSQL server
	 * @return a builder
	 */
	public static Builder builder(TestPostgres.Server server) {
		return new Builder(server);
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Return PgBouncer's version, such as {@code 1.18.0}.
	 * @return the version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Whether this PgBouncer is at least the given version.
	 * @param major the major version
	 * @param minor the minor version
	 * @return whether it is that version or newer
	 */
	public boolean isAtLeast(int major, int minor) {
		String[] parts = this.version.split("\\.");
		int actualMajor = Integer.parseInt(parts[0]);
		int actualMinor = Integer.parseInt(parts[1]);
		return actualMajor > major || (actualMajor == major && actualMinor >= minor);
	}

	/**
	 * Return what runs, for logs and messages.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return a JDBC URL of a database through this PgBouncer, without credentials.
	 * @param database the database
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/**
	 * Return a {@code postgresql://} URL of a database through this PgBouncer, with the
	 * server's credentials.
	 * @param database the database
	 * @param parameters query parameters, such as {@code pgbouncer=true}, or empty
	 * @return the URL
	 */
	public String databaseUrl(String database, String parameters) {
		String credentials = (this.server.username() != null) ? this.server.username()
				+ ((this.server.password() != null) ? ":" + this.server.password() : "") + "@" : "";
		return "postgresql://" + credentials + this.host + ":" + this.port + "/" + database
				+ (parameters.isEmpty() ? "" : "?" + parameters);
	}

	/**
	 * Return the URL of PgBouncer's admin console, as {@link #ADMIN_USER}.
	 * @return the URL
	 */
	public String adminUrl() {
		return "postgresql://" + ADMIN_USER + ":" + ADMIN_PASSWORD + "@" + this.host + ":" + this.port + "/pgbouncer";
	}

	/**
	 * Return what PgBouncer logged so far (empty for a container).
	 * @return the log
	 */
	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.stop.run();
	}

	@Override
	public String toString() {
		return this.description;
	}

	/**
	 * Find the binary: {@value #BINARY_VARIABLE}, the {@code PATH}, then the usual
	 * install directories ({@code /usr/sbin} is not on a normal user's {@code PATH}).
	 * @param environment the environment
	 * @return the binary, or {@code null}
	 */
	static @Nullable Path findBinary(Map<String, String> environment) {
		String explicit = environment.get(BINARY_VARIABLE);
		if (explicit != null && !explicit.isBlank()) {
			Path path = Path.of(explicit.trim());
			if (!Files.isExecutable(path)) {
				throw new IllegalStateException(BINARY_VARIABLE + "=" + explicit + " is not an executable file");
			}
			return path;
		}
		List<String> directories = new ArrayList<>();
		String path = environment.get("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(SEARCH_PATH);
		return directories.stream()
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "pgbouncer"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return the message of the failure when neither a binary nor Docker is available.
	 * @return the message
	 */
	static String noPgBouncerMessage() {
		return "No PgBouncer for the tests: no pgbouncer binary (" + BINARY_VARIABLE + ", PATH, "
				+ String.join(", ", SEARCH_PATH) + ") and no Docker environment for the " + IMAGE
				+ " container. Install one: 'apt-get install pgbouncer' (Debian, Ubuntu), 'brew install pgbouncer' "
				+ "(macOS) or 'dnf install pgbouncer', set " + BINARY_VARIABLE + " to a pgbouncer binary, or start "
				+ "Docker.";
	}

	static String versionOf(String output) {
		Matcher matcher = VERSION.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("Cannot read PgBouncer's version from: " + output);
		}
		return matcher.group(1);
	}

	private static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Configures and starts a {@link TestPgBouncer}.
	 */
	public static final class Builder {

		private final TestPostgres.Server server;

		private final Map<String, String> settings = new LinkedHashMap<>();

		private final Map<String, String> users = new LinkedHashMap<>();

		private Builder(TestPostgres.Server server) {
			this.server = server;
			this.settings.put("pool_mode", "transaction");
			this.settings.put("auth_type", "trust");
			this.settings.put("default_pool_size", "2");
			this.settings.put("max_client_conn", "200");
			this.settings.put("ignore_startup_parameters", "extra_float_digits");
			this.settings.put("admin_users", ADMIN_USER);
			this.settings.put("server_login_retry", "1");
			this.users.put(ADMIN_USER, ADMIN_PASSWORD);
			if (server.username() != null) {
				this.users.put(server.username(), (server.password() != null) ? server.password() : "");
			}
		}

		/**
		 * Set PgBouncer's pool mode.
		 * @param poolMode session, transaction or statement
		 * @return this builder
		 */
		public Builder poolMode(String poolMode) {
			return setting("pool_mode", poolMode);
		}

		/**
		 * Set how many server connections each database/user pool may open.
		 * @param size the pool size
		 * @return this builder
		 */
		public Builder defaultPoolSize(int size) {
			return setting("default_pool_size", Integer.toString(size));
		}

		/**
		 * Set how PgBouncer authenticates its clients: trust, plain, md5 or scram-sha-256.
		 * @param authType the auth type
		 * @return this builder
		 */
		public Builder authType(String authType) {
			return setting("auth_type", authType);
		}

		/**
		 * Set any {@code [pgbouncer]} setting.
		 * @param name the setting
		 * @param value its value
		 * @return this builder
		 */
		public Builder setting(String name, String value) {
			this.settings.put(name, value);
			return this;
		}

		/**
		 * Add a user to PgBouncer's auth file; PgBouncer logs in to the server with this
		 * password.
		 * @param name the user
		 * @param password the password
		 * @return this builder
		 */
		public Builder user(String name, String password) {
			this.users.put(name, password);
			return this;
		}

		/**
		 * Start PgBouncer: the binary when one is installed, else a container.
		 * @return the running PgBouncer
		 */
		public TestPgBouncer start() {
			Path binary = findBinary(System.getenv());
			if (binary != null) {
				return startProcess(binary);
			}
			if (isDockerAvailable()) {
				return TestcontainersPgBouncer.start(this.server, this::configuration, this::userList);
			}
			throw new IllegalStateException(noPgBouncerMessage());
		}

		String configuration(String serverHost, int serverPort, String listenAddress, int listenPort) {
			StringBuilder ini = new StringBuilder();
			ini.append("[databases]\n* = host=").append(serverHost).append(" port=").append(serverPort).append("\n\n");
			ini.append("[pgbouncer]\nlisten_addr = ").append(listenAddress).append("\nlisten_port = ").append(listenPort);
			ini.append("\nunix_socket_dir =\nauth_file = userlist.txt\n");
			this.settings.forEach((name, value) -> ini.append(name).append(" = ").append(value).append('\n'));
			return ini.toString();
		}

		String userList() {
			StringBuilder list = new StringBuilder();
			this.users.forEach((name, password) -> list.append('"')
				.append(name)
				.append("\" \"")
				.append(password.replace("\"", "\"\""))
				.append("\"\n"));
			return list.toString();
		}

		private TestPgBouncer startProcess(Path binary) {
			String version = versionOf(run(binary, "--version"));
			Path directory = createDirectory();
			IllegalStateException failure = null;
			for (int attempt = 1; attempt <= 3; attempt++) {
				int port = FreePort.closed();
				try {
					return startProcess(binary, version, directory, port);
				}
				catch (IllegalStateException ex) {
					// another process may have taken the free port in between: try another
					failure = ex;
				}
			}
			LocalFiles.delete(directory);
			throw failure;
		}

		private TestPgBouncer startProcess(Path binary, String version, Path directory, int port) {
			Path ini = directory.resolve("pgbouncer.ini");
			Path log = directory.resolve("pgbouncer.log");
			write(ini, configuration(this.server.host(), this.server.port(), "127.0.0.1", port)
				.replace("auth_file = userlist.txt", "auth_file = " + directory.resolve("userlist.txt")));
			write(directory.resolve("userlist.txt"), userList());
			List<String> command = new ArrayList<>(List.of(binary.toString()));
			String user = unprivilegedUser();
			if (user != null) {
				// PgBouncer refuses to run as root; -u switches to the user after start-up
				command.addAll(List.of("-u", user));
			}
			command.add(ini.toString());
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot run " + binary, ex);
			}
			awaitListening(process, port, log);
			Runnable stop = () -> {
				stopProcess(process);
				LocalFiles.delete(directory);
			};
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stopProcess(process)));
			TestPgBouncer pgbouncer = new TestPgBouncer(this.server, "127.0.0.1", port, version,
					"PgBouncer " + version + " (" + binary + ") on 127.0.0.1:" + port + " in front of "
							+ this.server.description(),
					log, stop);
			logger.info("Tests use {}", pgbouncer.description());
			return pgbouncer;
		}

		private static void awaitListening(Process process, int port, Path log) {
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ": " + read(log));
				}
				if (TestPostgres.answers("127.0.0.1", port)) {
					return;
				}
				LocalFiles.sleep(Duration.ofMillis(20));
			}
			stopProcess(process);
			throw new IllegalStateException("PgBouncer did not listen on 127.0.0.1:" + port + " within "
					+ START_TIMEOUT.toSeconds() + " s: " + read(log));
		}

		private static @Nullable String unprivilegedUser() {
			if (!"root".equals(System.getProperty("user.name"))) {
				return null;
			}
			return exists("postgres") ? "postgres" : "nobody";
		}

		private static boolean exists(String user) {
			try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
				return lines.anyMatch((line) -> line.startsWith(user + ":"));
			}
			catch (IOException ex) {
				return false;
			}
		}

		private static Path createDirectory() {
			try {
				Path directory = Files.createTempDirectory("pool-test-pgbouncer-");
				// PgBouncer reads its files after switching to an unprivileged user
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
				return directory;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static void write(Path file, String content) {
			try {
				Files.writeString(file, content);
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String run(Path binary, String argument) {
			try {
				Process process = new ProcessBuilder(binary.toString(), argument).redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				process.waitFor(10, TimeUnit.SECONDS);
				return output;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot run " + binary, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static void stopProcess(Process process) {
			if (!process.isAlive()) {
				return;
			}
			process.destroy();
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static String read(Path log) {
			try {
				return Files.exists(log) ? Files.readString(log).trim() : "(no output)";
			}
			catch (IOException ex) {
				return "(log unreadable: " + ex.getMessage() + ")";
			}
		}

	}

	/**
	 * Renders {@code pgbouncer.ini} for a server address and a listen address.
	 */
	interface Configuration {

		String render(String serverHost, int serverPort, String listenAddress, int listenPort);

	}

	static TestPgBouncer ofContainer(TestPostgres.Server server, String host, int port, String version,
			String description, Runnable stop) {
		return new TestPgBouncer(server, host, port, version, description, Path.of("/nonexistent"), stop);
	}

}
