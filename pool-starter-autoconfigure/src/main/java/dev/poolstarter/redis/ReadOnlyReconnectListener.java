package dev.poolstarter.redis;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Drops the client's connections when Redis replies READONLY: after a failover the old
 * primary, now a replica, keeps its clients and refuses their writes; a new connection
 * reaches the new primary (the hand-written guides' {@code reconnectOnError}).
 *
 * @author pool-starter
 */
class ReadOnlyReconnectListener implements CommandListener {

	private static final Log logger = LogFactory.getLog(ReadOnlyReconnectListener.class);

	private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

	private final Runnable reconnect;

	private final AtomicLong lastReconnect = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);

	private final LongAdder reconnects = new LongAdder();

	ReadOnlyReconnectListener(Runnable reconnect) {
		this.reconnect = reconnect;
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		String message = String.valueOf(event.getCause().getMessage());
		if (!message.startsWith("READONLY")) {
			return;
		}
		long last = this.lastReconnect.get();
		long now = System.nanoTime();
		// a burst of READONLY replies needs one reconnect, not one per command
		if (now - last >= MIN_INTERVAL_NANOS && this.lastReconnect.compareAndSet(last, now)) {
			logger.warn("Redis replied READONLY to " + event.getCommand().getType()
					+ ": the server is a replica now, reconnecting to reach the primary");
			this.reconnects.increment();
			// the listener runs on a Netty I/O thread, which closing connections must not block;
			// a thread of its own, not the common pool: with 2 cores that pool has one thread,
			// and the reconnect would wait behind whatever else the application runs there
			Thread thread = new Thread(this::reconnectOrWarn, "redis-readonly-reconnect");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void reconnectOrWarn() {
		try {
			this.reconnect.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Reconnecting the Redis client after READONLY failed", ex);
		}
	}

	long reconnects() {
		return this.reconnects.sum();
	}

}
