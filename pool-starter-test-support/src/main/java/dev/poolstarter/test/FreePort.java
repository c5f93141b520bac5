package dev.poolstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for tests that need a server to be absent, or to appear later.
 *
 * @author pool-starter
 */
public final class FreePort {

	private FreePort() {
	}

	/**
	 * Return a loopback port on which nothing listens right now.
	 * @return the port
	 */
	public static int closed() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
