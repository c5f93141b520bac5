package dev.poolstarter.redis.metrics;

import java.util.function.LongSupplier;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * Meters of the Redis client beside Lettuce's command observations: reconnect attempts,
 * from Lettuce's event bus, the reconnects that READONLY replies caused, and, when the
 * client pools connections, the pool's active, idle and waiting counts.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisClientMetrics implements MeterBinder, AutoCloseable {

	private final ClientResources resources;

	private final LongSupplier readOnlyReconnects;

	private final Tags tags;

	private final @Nullable String poolJmxNamePrefix;

	private @Nullable Disposable subscription;

	/**
	 * Create the meters of a Redis client.
	 * @param resources the client's resources, whose event bus reports reconnects
	 * @param readOnlyReconnects how many READONLY replies made the client reconnect
	 * @param tags tags of every meter: service, profile, pool and role
	 * @param poolJmxNamePrefix the JMX name prefix of the client's commons-pool2 pools, or
	 * {@code null} when the client does not pool connections
	 */
	public RedisClientMetrics(ClientResources resources, LongSupplier readOnlyReconnects, Tags tags,
			@Nullable String poolJmxNamePrefix) {
		this.resources = resources;
		this.readOnlyReconnects = readOnlyReconnects;
		this.tags = tags;
		this.poolJmxNamePrefix = poolJmxNamePrefix;
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
		if (this.poolJmxNamePrefix != null) {
			bindPoolGauges(registry, new CommonsPoolStatistics(this.poolJmxNamePrefix));
		}
	}

	// Gauges hold their object weakly: nothing else keeps the statistics reader, so without
	// a strong reference a collection would turn every reading into NaN.
	private void bindPoolGauges(MeterRegistry registry, CommonsPoolStatistics pools) {
		for (String state : new String[] { "active", "idle", "pending" }) {
			String attribute = switch (state) {
				case "active" -> "NumActive";
				case "idle" -> "NumIdle";
				default -> "NumWaiters";
			};
			Gauge.builder("pool.redis.connections", pools, (statistics) -> statistics.sum(attribute))
				.description("Pooled Redis connections by state; pending are threads waiting for one")
				.tags(this.tags)
				.tag("state", state)
				.strongReference(true)
				.register(registry);
		}
		Gauge.builder("pool.redis.connections.max", pools, (statistics) -> statistics.max("MaxTotal"))
			.description("Most pooled Redis connections")
			.tags(this.tags)
			.strongReference(true)
			.register(registry);
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

}
