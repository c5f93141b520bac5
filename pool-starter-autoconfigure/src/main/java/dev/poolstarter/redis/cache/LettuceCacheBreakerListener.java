package dev.poolstarter.redis.cache;

import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.resource.ClientResources;
import reactor.core.Disposable;

/**
 * Tells a {@link RedisCacheBreaker} what Lettuce's event bus reports: a failed reconnect
 * makes cache calls skip Redis within milliseconds of an outage, rather than after a
 * command timeout, and a connection that is active again makes it probe at once.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class LettuceCacheBreakerListener implements AutoCloseable {

	private final Disposable subscription;

	/**
	 * Start listening.
	 * @param resources the client's resources, whose event bus reports connections
	 * @param breaker the breaker to tell
	 */
	public LettuceCacheBreakerListener(ClientResources resources, RedisCacheBreaker breaker) {
		this.subscription = resources.eventBus().get().subscribe((event) -> onEvent(event, breaker));
	}

	private static void onEvent(Event event, RedisCacheBreaker breaker) {
		if (event instanceof ReconnectFailedEvent failed) {
			breaker.connectionLost(failed.getCause());
		}
		else if (event instanceof ConnectionActivatedEvent) {
			breaker.connectionRestored();
		}
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

}
