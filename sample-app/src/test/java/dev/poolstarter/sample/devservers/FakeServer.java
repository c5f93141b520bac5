package dev.poolstarter.sample.devservers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EmbeddedServer} that only records how often it was stopped.
 *
 * @author pool-starter
 */
class FakeServer implements EmbeddedServer {

	private final DevServer server;

	private final int port;

	private final AtomicInteger stops = new AtomicInteger();

	private final List<String> events;

	FakeServer(DevServer server, int port, List<String> events) {
		this.server = server;
		this.port = port;
		this.events = events;
	}

	@Override
	public Address address() {
		return Address.loopback(this.port);
	}

	@Override
	public String description() {
		return "embedded " + this.server.product() + " on " + address();
	}

	@Override
	public void stop() {
		this.stops.incrementAndGet();
		this.events.add(this.server.id() + " stopped");
	}

	int stops() {
		return this.stops.get();
	}

}
