package dev.poolstarter.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Sentinel deployment private to a test, from the local {@code redis-server}
 * binary: a primary, one replica and three sentinels ({@code redis-server <conf> --sentinel},
 * quorum 2, master down after 1 s), each a child process with its own configuration file
 * in a temporary directory, on free loopback ports, without persistence. It returns once
 * the replica is in sync and every sentinel sees the replica and the other two sentinels,
 * so that a failover can start at once. Without the binary it fails and says how to get
 * it; it never skips. Everything stops on {@link #close()}, or when the JVM exits.
 *
 * @author pool-starter
 */
public final class TestSentinel implements AutoCloseable {

	/**
	 * Name under which the sentinels monitor the primary.
	 */
	public static final String MASTER_NAME = "mymaster";

	/**
	 * Environment variable with the path of the {@code redis-server} binary to use.
	 */
	public static final String BINARY_VARIABLE = "POOL_TEST_REDIS_SERVER_BINARY";

	private static final Logger logger = LoggerFactory.getLogger(TestSentinel.class);

	private static final List<String> SEARCH_PATH = List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin",
			"/usr/sbin");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final int SENTINELS = 3;

	private final Path directory;

	private final List<Node> dataNodes;

	private final List<Node> sentinels;

	private final Thread shutdownHook;

	private TestSentinel(Path directory, List<Node> dataNodes, List<Node> sentinels) {
		this.directory = directory;
		this.dataNodes = dataNodes;
		this.sentinels = sentinels;
		this.shutdownHook = new Thread(this::stopAll);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Start a primary, its replica and three sentinels, and wait until a failover could
	 * start.
	 * @return the running deployment
	 */
	public static TestSentinel start() {
		Path binary = findBinary(System.getenv());
		if (binary == null) {
			throw new IllegalStateException(noBinaryMessage());
		}
		long start = System.nanoTime();
		Path directory = createDirectory();
		List<Node> started = new ArrayList<>();
		try {
			Node primary = Node.start(binary, directory, "primary", (port) -> dataNode(directory, "primary", port));
			started.add(primary);
			Node replica = Node.start(binary, directory, "replica", (port) -> dataNode(directory, "replica", port)
					+ "replicaof 127.0.0.1 " + primary.port() + "\n");
			started.add(replica);
			List<Node> sentinels = new ArrayList<>();
			for (int i = 1; i <= SENTINELS; i++) {
				String name = "sentinel-" + i;
				Node sentinel = Node.start(binary, directory, name,
						(port) -> sentinelNode(directory, name, port, primary.port()), "--sentinel");
				started.add(sentinel);
				sentinels.add(sentinel);
			}
			TestSentinel sentinel = new TestSentinel(directory, List.of(primary, replica), sentinels);
			sentinel.awaitReady(primary.port(), replica.port());
			logger.info("Tests use {}, ready after {} ms", sentinel,
					Duration.ofNanos(System.nanoTime() - start).toMillis());
			return sentinel;
		}
		catch (RuntimeException ex) {
			started.forEach(Node::kill);
			LocalFiles.delete(directory);
			throw ex;
		}
	}

	/**
	 * Return the port of the primary that the first sentinel names now
	 * ({@code SENTINEL get-master-addr-by-name}): the one started as primary until a
	 * failover.
	 * @return the port
	 */
	public int primaryPort() {
		return primaryPortNamedBy(0);
	}

	/**
	 * Return the port of the server that is not the primary the sentinels name now: the
	 * replica, until a failover.
	 * @return the port
	 */
	public int replicaPort() {
		int primary = primaryPort();
		return this.dataNodes.stream()
			.mapToInt(Node::port)
			.filter((port) -> port != primary)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No server other than the primary on " + primary));
	}

	/**
	 * Return the sentinels' addresses.
	 * @return {@code 127.0.0.1:port} of each sentinel
	 */
	public List<String> sentinelNodes() {
		return this.sentinels.stream().map((sentinel) -> "127.0.0.1:" + sentinel.port()).toList();
	}

	/**
	 * Kill the primary that the sentinels name with SIGKILL, as a crash or a lost machine
	 * would end it: its connections close without a goodbye and nothing listens on its
	 * port any more. Returns once the process is gone.
	 * @return the port of the server killed
	 */
	public int killPrimary() {
		int primary = primaryPort();
		this.dataNodes.stream().filter((node) -> node.port() == primary).forEach(Node::kill);
		return primary;
	}

	/**
	 * Return the port of the primary that a sentinel names now
	 * ({@code SENTINEL get-master-addr-by-name}).
	 * @param sentinel which sentinel to ask, from 0
	 * @return the port
	 */
	private int primaryPortNamedBy(int sentinel) {
		Object reply = reply(this.sentinels.get(sentinel).port(), "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
		return Integer.parseInt(((List<?>) reply).get(1).toString());
	}

	/**
	 * Return what a sentinel knows of the master ({@code SENTINEL master}), such as
	 * {@code num-slaves}, {@code num-other-sentinels}, {@code flags} and {@code port}.
	 * @param sentinel which sentinel to ask, from 0
	 * @return the fields and their values
	 */
	private Map<String, String> master(int sentinel) {
		return fields(reply(this.sentinels.get(sentinel).port(), "SENTINEL", "master", MASTER_NAME));
	}

	/**
	 * Return a key's value on one server, such as the replica, over a fresh connection.
	 * @param port the server's port
	 * @param key the key
	 * @return the value, or {@code null} when the server has no such key
	 */
	public static @Nullable String value(int port, String key) {
		return (String) reply(port, "GET", key);
	}

	/**
	 * Return the replication section of {@code INFO} of a server.
	 * @param port the server's port
	 * @return the fields and their values, such as {@code role}
	 */
	private static Map<String, String> replication(int port) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : TestRedis.bulk("127.0.0.1", port, "INFO", "replication").split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	/**
	 * Return what every process logged so far, for the message of a failed assertion.
	 * @return the logs, each under its process's name
	 */
	public String logs() {
		StringBuilder logs = new StringBuilder();
		for (Node node : all()) {
			logs.append("--- ").append(node.name()).append(" (port ").append(node.port()).append(")\n");
			logs.append(node.log()).append('\n');
		}
		return logs.toString();
	}

	@Override
	public void close() {
		stopAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting: the hook runs anyway
		}
	}

	@Override
	public String toString() {
		return "Redis Sentinel '" + MASTER_NAME + "' started with primary 127.0.0.1:" + this.dataNodes.get(0).port()
				+ " and replica 127.0.0.1:" + this.dataNodes.get(1).port() + ", sentinels "
				+ String.join(",", sentinelNodes());
	}

	private List<Node> all() {
		List<Node> all = new ArrayList<>(this.dataNodes);
		all.addAll(this.sentinels);
		return all;
	}

	private void stopAll() {
		all().forEach(Node::kill);
		LocalFiles.delete(this.directory);
	}

	/**
	 * Wait until the replica is in sync and every sentinel names the primary and knows the
	 * replica and the two other sentinels: before that, a failover would find no replica
	 * or no majority.
	 */
	private void awaitReady(int primary, int replica) {
		await("the replica to sync with the primary",
				() -> "up".equals(replication(replica).get("master_link_status")));
		for (int i = 0; i < SENTINELS; i++) {
			int sentinel = i;
			await("sentinel-" + (i + 1) + " to see the primary, the replica and " + (SENTINELS - 1)
					+ " other sentinels", () -> {
						Map<String, String> master = master(sentinel);
						return Integer.toString(primary).equals(master.get("port"))
								&& "master".equals(master.get("flags")) && "1".equals(master.get("num-slaves"))
								&& Integer.toString(SENTINELS - 1).equals(master.get("num-other-sentinels"))
								&& replicaIsKnownUp(sentinel, replica);
					});
		}
	}

	private boolean replicaIsKnownUp(int sentinel, int port) {
		Object replicas = reply(this.sentinels.get(sentinel).port(), "SENTINEL", "replicas", MASTER_NAME);
		for (Object replica : (List<?>) replicas) {
			Map<String, String> fields = fields(replica);
			if (Integer.toString(port).equals(fields.get("port")) && "slave".equals(fields.get("flags"))
					&& "ok".equals(fields.get("master-link-status"))) {
				return true;
			}
		}
		return false;
	}

	private void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answers(condition)) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Timed out after " + START_TIMEOUT.toSeconds() + " s waiting for " + what
						+ " (" + this + ")\n" + logs());
			}
			LocalFiles.sleep(Duration.ofMillis(100));
		}
	}

	private static boolean answers(BooleanSupplier condition) {
		try {
			return condition.getAsBoolean();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String dataNode(Path directory, String name, int port) {
		return common(directory, name, port) + "save \"\"\nappendonly no\n";
	}

	private static String sentinelNode(Path directory, String name, int port, int primaryPort) {
		return common(directory, name, port) + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primaryPort
				+ " 2\nsentinel down-after-milliseconds " + MASTER_NAME + " 1000\nsentinel failover-timeout "
				+ MASTER_NAME + " 5000\nsentinel parallel-syncs " + MASTER_NAME + " 1\n";
	}

	private static String common(Path directory, String name, int port) {
		Path dir = directory.resolve(name);
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "port " + port + "\nbind 127.0.0.1\ndaemonize no\nlogfile \"\"\ndir " + dir + "\n";
	}

	/**
	 * Find the binary: {@value #BINARY_VARIABLE}, the {@code PATH}, then the usual
	 * install directories.
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
			.map((directory) -> Path.of(directory, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return the message of the failure when no {@code redis-server} binary is installed.
	 * @return the message
	 */
	static String noBinaryMessage() {
		return "No redis-server binary for the Redis Sentinel tests (" + BINARY_VARIABLE + ", PATH, "
				+ String.join(", ", SEARCH_PATH) + "): they start a primary, a replica and three sentinels from it. "
				+ "Install it: 'apt-get install redis-server' (Debian, Ubuntu), 'brew install redis' (macOS) or "
				+ "'dnf install redis', or set " + BINARY_VARIABLE + " to a redis-server binary (5.0 or newer).";
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("pool-test-sentinel-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send one command over a fresh connection and return its reply: a {@code String}, a
	 * {@code Long}, a {@code List} of replies, or {@code null}.
	 */
	static @Nullable Object reply(int port, String... arguments) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(TestRedis.request(arguments));
			socket.getOutputStream().flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable Object read(InputStream in) throws IOException {
		String line = TestRedis.readLine(in);
		if (line.isEmpty()) {
			throw new IOException("Connection closed before a reply");
		}
		String rest = line.substring(1);
		return switch (line.charAt(0)) {
			case '+' -> rest;
			case '-' -> throw new IllegalStateException(rest);
			case ':' -> Long.parseLong(rest);
			case '$' -> (Integer.parseInt(rest) < 0) ? null : bulk(in, Integer.parseInt(rest));
			case '*' -> array(in, Integer.parseInt(rest));
			default -> throw new IOException("Unexpected reply: " + line);
		};
	}

	private static String bulk(InputStream in, int length) throws IOException {
		String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
		TestRedis.readLine(in);
		return value;
	}

	private static @Nullable List<@Nullable Object> array(InputStream in, int length) throws IOException {
		if (length < 0) {
			return null;
		}
		List<@Nullable Object> values = new ArrayList<>();
		for (int i = 0; i < length; i++) {
			values.add(read(in));
		}
		return values;
	}

	private static Map<String, String> fields(@Nullable Object reply) {
		Map<String, String> fields = new LinkedHashMap<>();
		List<?> values = (List<?>) reply;
		for (int i = 0; values != null && i + 1 < values.size(); i += 2) {
			fields.put(String.valueOf(values.get(i)), String.valueOf(values.get(i + 1)));
		}
		return fields;
	}

	/**
	 * Renders a process's configuration file for the port it listens on.
	 */
	private interface Configuration {

		String render(int port);

	}

	/**
	 * One redis-server process: a primary, a replica or a sentinel.
	 *
	 * @param name its name, also that of its directory
	 * @param port its loopback port
	 * @param process the process
	 * @param logFile where its output goes
	 */
	private record Node(String name, int port, Process process, Path logFile) {

		static Node start(Path binary, Path directory, String name, Configuration configuration,
				String... arguments) {
			IllegalStateException failure = null;
			for (int attempt = 1; attempt <= 3; attempt++) {
				int port = FreePort.closed();
				try {
					return start(binary, directory, name, port, configuration.render(port), arguments);
				}
				catch (IllegalStateException ex) {
					// another process may have taken the free port in between: try another
					failure = ex;
				}
			}
			throw failure;
		}

		private static Node start(Path binary, Path directory, String name, int port, String configuration,
				String... arguments) {
			Path conf = directory.resolve(name + ".conf");
			Path log = directory.resolve(name + ".log");
			try {
				// a sentinel rewrites its file, so every process gets one of its own
				Files.writeString(conf, configuration);
				List<String> command = new ArrayList<>(List.of(binary.toString(), conf.toString()));
				command.addAll(List.of(arguments));
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				process.getOutputStream().close();
				Node node = new Node(name, port, process, log);
				node.awaitPing();
				return node;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot run " + binary, ex);
			}
		}

		private void awaitPing() {
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (!TestRedis.pings("127.0.0.1", this.port)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"redis-server " + this.name + " exited with " + this.process.exitValue() + ": " + log());
				}
				if (System.nanoTime() - deadline > 0) {
					kill();
					throw new IllegalStateException("redis-server " + this.name + " did not answer PING on 127.0.0.1:"
							+ this.port + " within " + START_TIMEOUT.toSeconds() + " s: " + log());
				}
				LocalFiles.sleep(Duration.ofMillis(20));
			}
		}

		void kill() {
			if (!this.process.isAlive()) {
				return;
			}
			this.process.destroyForcibly();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("redis-server " + this.name + " did not end on SIGKILL");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		String log() {
			try {
				return Files.exists(this.logFile) ? Files.readString(this.logFile).trim() : "(no output)";
			}
			catch (IOException ex) {
				return "(log unreadable: " + ex.getMessage() + ")";
			}
		}

	}

}
