package dev.poolstarter.sample.devservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link DevServerProbes} that ask this machine: a TCP connect and {@code docker info},
 * each bounded.
 *
 * @author pool-starter
 */
final class SystemDevServerProbes implements DevServerProbes {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);

	private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(5);

	@Override
	public boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Address.LOOPBACK, port), (int) CONNECT_TIMEOUT.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public boolean dockerRuns() {
		try {
			Process process = new ProcessBuilder("docker", "info").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(DOCKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
