package dev.poolstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that tests open, close, cut and freeze to inject network
 * faults between a client and a real server.
 *
 * @author pool-starter
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private volatile boolean closed;

	private final Object thaw = new Object();

	private volatile boolean frozen;

	private TcpProxy(ServerSocket listener, InetSocketAddress target) {
		this.listener = listener;
		this.target = target;
		this.acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Start forwarding from a loopback port to a target.
	 * @param port the loopback port to listen on, or 0 for any free one
	 * @param targetHost the target host
	 * @param targetPort the target port
	 * @return the running proxy
	 */
	public static TcpProxy start(int port, String targetHost, int targetPort) {
		try {
			ServerSocket listener = new ServerSocket();
			listener.setReuseAddress(true);
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return new TcpProxy(listener, new InetSocketAddress(targetHost, targetPort));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Cut every forwarded connection, as a network failure would, and keep listening.
	 */
	public void cutConnections() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Stop forwarding, as a silent network partition does: bytes sent either way, and new
	 * connections, wait without an answer or an error until {@link #thaw()}.
	 */
	public void freeze() {
		this.frozen = true;
	}

	/**
	 * Forward again what waited since {@link #freeze()}, and everything after it.
	 */
	public void thaw() {
		synchronized (this.thaw) {
			this.frozen = false;
			this.thaw.notifyAll();
		}
	}

	private void awaitThaw() throws InterruptedException {
		synchronized (this.thaw) {
			while (this.frozen && !this.closed) {
				this.thaw.wait(100);
			}
		}
	}

	/**
	 * Stop listening and cut every forwarded connection. The JDK keeps a listening socket
	 * open while a thread is blocked in {@code accept()}, so this waits for the acceptor to
	 * leave, and turns away what it accepted meanwhile: once this returns, connections to
	 * the port are refused.
	 */
	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.listener);
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		cutConnections();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.listener.accept();
				if (this.closed) {
					closeQuietly(client);
					return;
				}
				this.sockets.add(client);
				Thread connect = new Thread(() -> connect(client), "tcp-proxy-connect");
				connect.setDaemon(true);
				connect.start();
			}
			catch (IOException ex) {
				// listener closed: the client sees a closed socket
			}
		}
	}

	private void connect(Socket client) {
		Socket server = new Socket();
		try {
			awaitThaw();
			if (this.closed) {
				closeQuietly(client);
				return;
			}
			server.connect(this.target, 5000);
			this.sockets.add(server);
			pump(client, server);
			pump(server, client);
		}
		catch (IOException ex) {
			// the target refused: the client sees a closed socket
			closeQuietly(client);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					awaitThaw();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
