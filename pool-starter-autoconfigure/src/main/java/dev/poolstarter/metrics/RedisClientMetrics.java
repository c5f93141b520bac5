package dev.poolstarter.metrics;

import java.util.function.LongSupplier;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * Meters of the Redis client beside Lettuce's command observations: reconnect attempts,
 * from Lettuce's event bus, and the reconnects that READONLY replies caused.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisClientMetrics implements MeterBinder, AutoCloseable {

	private final ClientResources resources;

	private final LongSupplier readOnlyReconnects;

	private final Tags tags;

	private @Nullable Disposable subscription;

	/**
	 * Create the meters of a Redis client.
	 * @param resources the client's resources, whose event bus reports reconnects
	 * @param readOnlyReconnects how many READONLY replies made the client reconnect
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public RedisClientMetrics(ClientResources resources, LongSupplier readOnlyReconnects, Tags tags) {
		this.resources = resources;
		this.readOnlyReconnects = readOnlyReconnects;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Counter reconnects = Counter.builder("pool.redis.reconnects")
			.description("Reconnect attempts of the Redis client")
			.tags(this.tags)
			.register(registry);
		this.subscription = this.resources.eventBus()
			.get()
			.filter(ReconnectAttemptEvent.class::isInstance)
			.subscribe((event) -> reconnects.increment());
		FunctionCounter.builder("pool.redis.readonly.reconnects", this.readOnlyReconnects, LongSupplier::getAsLong)
			.description("Reconnects after READONLY replies, as a former primary sends after a failover")
			.tags(this.tags)
			.register(registry);
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

}
