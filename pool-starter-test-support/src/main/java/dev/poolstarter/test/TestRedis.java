package dev.poolstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import redis.embedded.RedisServer;

/**
 * Finds a real Redis for tests, in this order: the URL in {@value #URL_VARIABLE}; a
 * server answering PING on 127.0.0.1:6379; a Testcontainers container when Docker
 * answers; an embedded redis-server from {@code com.github.codemonstur:embedded-redis}.
 * It logs which one it uses and fails, saying how to get one, when none works. It also
 * starts private servers that fault tests stop, restart and freeze.
 *
 * @author pool-starter
 */
public final class TestRedis {

	/**
	 * Environment variable with the URL ({@code redis://host:port}) of the server to use.
	 */
	public static final String URL_VARIABLE = "POOL_TEST_REDIS_URL";

	/**
	 * Environment variable that, set to {@code embedded}, {@code testcontainers} or
	 * {@code local}, forces one source.
	 */
	public static final String SOURCE_VARIABLE = "POOL_TEST_REDIS";

	/**
	 * Redis image used with Testcontainers.
	 */
	public static final String IMAGE = "redis:7-alpine";

	private static final Logger logger = LoggerFactory.getLogger(TestRedis.class);

	private static final int LOCAL_PORT = 6379;

	private static @Nullable Server shared;

	private TestRedis() {
	}

	/**
	 * Return the shared server, finding it on first use.
	 * @return the server
	 */
	public static synchronized Server get() {
		if (shared == null) {
			shared = find();
			logger.info("Tests use Redis from {}: {}", shared.source(), shared.description());
		}
		return shared;
	}

	private static Server find() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			String hostAndPort = url.replaceFirst("^rediss?://([^@/]*@)?", "").replaceFirst("/.*$", "");
			int colon = hostAndPort.lastIndexOf(':');
			return check(new Server(Source.ENVIRONMENT, hostAndPort.substring(0, colon),
					Integer.parseInt(hostAndPort.substring(colon + 1)), URL_VARIABLE + "=" + url));
		}
		String forced = System.getenv(SOURCE_VARIABLE);
		if (forced != null && !forced.isBlank()) {
			return switch (forced.trim()) {
				case "embedded" -> embedded();
				case "testcontainers" -> TestcontainersRedis.start();
				case "local" -> check(local());
				default -> throw new IllegalStateException(SOURCE_VARIABLE + "=" + forced
						+ " is not one of embedded, testcontainers, local");
			};
		}
		List<String> tried = new ArrayList<>();
		if (pings("127.0.0.1", LOCAL_PORT)) {
			return local();
		}
		tried.add("127.0.0.1:" + LOCAL_PORT + ": no PONG");
		if (isDockerAvailable()) {
			return TestcontainersRedis.start();
		}
		tried.add("Testcontainers: no Docker environment answers");
		try {
			return embedded();
		}
		catch (RuntimeException ex) {
			tried.add("embedded redis-server: " + ex.getMessage());
		}
		throw new IllegalStateException("No Redis for the tests. Tried:\n  - " + String.join("\n  - ", tried)
				+ "\nProvide one: set " + URL_VARIABLE + "=redis://host:6379, start redis-server on "
				+ "127.0.0.1:6379, or start Docker for Testcontainers.");
	}

	private static Server local() {
		return new Server(Source.LOCAL_PORT, "127.0.0.1", LOCAL_PORT, "the server on 127.0.0.1:" + LOCAL_PORT);
	}

	private static Server embedded() {
		PrivateRedis redis = startPrivate();
		Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
		return new Server(Source.EMBEDDED, "127.0.0.1", redis.port(), "embedded redis-server on port " + redis.port());
	}

	/**
	 * Start a private embedded redis-server on a free loopback port, which a test may
	 * stop and start again on the same port.
	 * @param settings extra redis.conf lines, such as {@code cluster-enabled yes}
	 * @return the running server
	 */
	public static PrivateRedis startPrivate(String... settings) {
		PrivateRedis redis = new PrivateRedis(FreePort.closed(), List.of(settings));
		redis.start();
		return redis;
	}

	private static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Server check(Server server) {
		if (!pings(server.host(), server.port())) {
			throw new IllegalStateException("Redis from " + server.source() + " (" + server.description()
					+ ") does not answer PING");
		}
		return server;
	}

	/**
	 * Whether a Redis server answers PING.
	 * @param host the host
	 * @param port the port
	 * @return whether it answered PONG
	 */
	public static boolean pings(String host, int port) {
		try {
			return command(host, port, "PING").startsWith("+PONG");
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * Send one command over a fresh connection and return the first reply line.
	 * @param host the host
	 * @param port the port
	 * @param arguments the command and its arguments
	 * @return the reply's first line, such as {@code +OK}
	 */
	public static String command(String host, int port, String... arguments) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request(arguments));
			out.flush();
			return readLine(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send one command over a fresh connection and return its bulk-string reply, such as
	 * that of {@code CLIENT LIST} or {@code INFO}.
	 * @param host the host
	 * @param port the port
	 * @param arguments the command and its arguments
	 * @return the reply's text
	 */
	public static String bulk(String host, int port, String... arguments) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request(arguments));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String header = readLine(in);
			if (!header.startsWith("$")) {
				throw new IllegalStateException(String.join(" ", arguments) + " answered " + header);
			}
			byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
			return new String(body, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] request(String... arguments) {
		StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			request.append('$')
				.append(argument.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(argument)
				.append("\r\n");
		}
		return request.toString().getBytes(StandardCharsets.UTF_8);
	}

	static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int read;
		while ((read = in.read()) >= 0 && read != '\n') {
			if (read != '\r') {
				line.append((char) read);
			}
		}
		return line.toString();
	}

	/**
	 * Where a test server came from.
	 */
	public enum Source {

		/** The URL in {@value TestRedis#URL_VARIABLE}. */
		ENVIRONMENT,

		/** The server on the default local port. */
		LOCAL_PORT,

		/** A Testcontainers container. */
		TESTCONTAINERS,

		/** An embedded server started by the tests. */
		EMBEDDED

	}

	/**
	 * A Redis server for tests.
	 *
	 * @param source where it came from
	 * @param host its host
	 * @param port its port
	 * @param description what it is, for logs
	 */
	public record Server(Source source, String host, int port, String description) {

		/**
		 * Return the server's URL.
		 * @return {@code redis://host:port}
		 */
		public String url() {
			return "redis://" + this.host + ":" + this.port;
		}

	}

	/**
	 * A private redis-server that a test can stop and start again on the same port.
	 */
	public static final class PrivateRedis implements AutoCloseable {

		private final int port;

		private final List<String> settings;

		private @Nullable RedisServer server;

		private @Nullable Long frozenPid;

		PrivateRedis(int port, List<String> settings) {
			this.port = port;
			this.settings = settings;
		}

		public int port() {
			return this.port;
		}

		/**
		 * Return the server's URL.
		 * @return {@code redis://127.0.0.1:port}
		 */
		public String url() {
			return "redis://127.0.0.1:" + this.port;
		}

		/**
		 * Start the server, or start it again after {@link #stop()}.
		 */
		public synchronized void start() {
			try {
				redis.embedded.core.RedisServerBuilder builder = RedisServer.newRedisServer()
					.port(this.port)
					.bind("127.0.0.1")
					.setting("save \"\"")
					.setting("appendonly no");
				for (String setting : this.settings) {
					builder.setting(setting);
				}
				this.server = builder.build();
				this.server.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("redis-server did not start on port " + this.port, ex);
			}
		}

		/**
		 * Freeze the server process (SIGSTOP), as a hung server looks to its clients: the
		 * kernel still accepts connections, but nothing answers until {@link #thaw()}.
		 * Returns once the process is stopped.
		 */
		public synchronized void freeze() {
			long pid = processId();
			signal(pid, "-STOP");
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!isStopped(pid)) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("redis-server " + pid + " did not stop on SIGSTOP");
				}
				Thread.onSpinWait();
			}
			this.frozenPid = pid;
		}

		/**
		 * Let a {@link #freeze() frozen} server run again (SIGCONT).
		 */
		public synchronized void thaw() {
			if (this.frozenPid != null) {
				signal(this.frozenPid, "-CONT");
				this.frozenPid = null;
			}
		}

		private long processId() {
			for (String line : bulk("127.0.0.1", this.port, "INFO", "server").split("\r?\n")) {
				if (line.startsWith("process_id:")) {
					return Long.parseLong(line.substring("process_id:".length()).trim());
				}
			}
			throw new IllegalStateException("INFO server on port " + this.port + " names no process_id");
		}

		private static void signal(long pid, String signal) {
			run("kill", signal, Long.toString(pid));
		}

		private static boolean isStopped(long pid) {
			return run("ps", "-o", "stat=", "-p", Long.toString(pid)).trim().startsWith("T");
		}

		private static String run(String... command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (process.waitFor() != 0) {
					throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
				}
				return output;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Return the names of the clients connected to the server.
		 * @return the names, empty strings for clients without one
		 */
		public List<String> clientNames() {
			List<String> names = new ArrayList<>();
			for (String client : bulk("127.0.0.1", this.port, "CLIENT", "LIST").split("\n")) {
				for (String field : client.trim().split(" ")) {
					if (field.startsWith("name=")) {
						names.add(field.substring("name=".length()));
					}
				}
			}
			return names;
		}

		/**
		 * Stop the server, as a crash would for its clients.
		 */
		public synchronized void stop() {
			thaw();
			try {
				if (this.server != null) {
					this.server.stop();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			stop();
		}

	}

}
