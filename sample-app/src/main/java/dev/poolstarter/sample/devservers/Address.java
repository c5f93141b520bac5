package dev.poolstarter.sample.devservers;

/**
 * Where a server listens.
 *
 * @param host the host name or address
 * @param port the port
 * @author pool-starter
 */
record Address(String host, int port) {

	static final String LOOPBACK = "127.0.0.1";

	static Address loopback(int port) {
		return new Address(LOOPBACK, port);
	}

	/**
	 * Parse {@code host:port}.
	 */
	static Address parse(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		return new Address(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
