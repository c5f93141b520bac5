package dev.poolstarter.sample.devservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import redis.embedded.RedisServer;

/**
 * A redis-server from {@code com.github.codemonstur:embedded-redis} on a free loopback
 * port, without persistence.
 *
 * @author pool-starter
 */
final class EmbeddedRedisServer implements EmbeddedServer {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern VERSION = Pattern.compile("version=([0-9.]+)");

	private final Process process;

	private final int port;

	private final Path log;

	private EmbeddedRedisServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start redis-server as a process of its own. The library's {@code RedisServer.start()}
	 * adds a JVM shutdown hook that stops the server while the application is still
	 * draining; only its command line is used.
	 */
	static EmbeddedRedisServer start() {
		try {
			int port = freePort();
			List<String> command = RedisServer.newRedisServer()
				.port(port)
				.bind(Address.LOOPBACK)
				.setting("save \"\"")
				.setting("appendonly no")
				.buildCommandArgs();
			Path log = Files.createTempFile("embedded-redis-" + port + "-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			EmbeddedRedisServer server = new EmbeddedRedisServer(process, port, log);
			server.awaitPong();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitPong() throws IOException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (!ping()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				String output = Files.readString(this.log);
				stop();
				throw new IllegalStateException("redis-server on port " + this.port + " did not answer PING within "
						+ STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + output);
			}
			pause();
		}
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Address.LOOPBACK, this.port), 200);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(5);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for redis-server", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Address.LOOPBACK))) {
			return socket.getLocalPort();
		}
	}

	@Override
	public Address address() {
		return Address.loopback(this.port);
	}

	@Override
	public String description() {
		return "embedded Redis " + version() + " on " + address() + " (no persistence)";
	}

	private String version() {
		try {
			Matcher matcher = VERSION.matcher(Files.readString(this.log));
			return (matcher.find()) ? matcher.group(1) : "server";
		}
		catch (IOException ex) {
			return "server";
		}
	}

	@Override
	public void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			this.log.toFile().delete();
		}
	}

}
