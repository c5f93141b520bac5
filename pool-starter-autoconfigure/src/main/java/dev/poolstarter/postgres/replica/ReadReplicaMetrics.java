package dev.poolstarter.postgres.replica;

import java.time.Duration;
import java.util.function.Function;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.poolstarter.postgres.metrics.PostgresPoolMetrics;

/**
 * Meters of the read replicas: each replica's replication lag and whether it takes reads,
 * as sampled by its monitor (a scrape never queries a replica), its borrows held past the
 * leak-detection threshold, and the read-only borrows that fell back to the primary.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadReplicaMetrics implements MeterBinder {

	private final ReadReplicas replicas;

	private final Function<String, Tags> replicaTags;

	private final Tags primaryTags;

	/**
	 * Create the meters.
	 * @param replicas the read replicas
	 * @param replicaTags the tags of a replica pool's meters, by pool name
	 * @param primaryTags the tags of the primary pool's meters
	 */
	public ReadReplicaMetrics(ReadReplicas replicas, Function<String, Tags> replicaTags, Tags primaryTags) {
		this.replicas = replicas;
		this.replicaTags = replicaTags;
		this.primaryTags = primaryTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ReadReplicas.Replica replica : this.replicas.replicas()) {
			Tags tags = this.replicaTags.apply(replica.poolName());
			Gauge.builder("pool.replica.lag", replica, ReadReplicaMetrics::lagSeconds)
				.description("Replication lag of the replica: zero while it has replayed all it received, else the "
						+ "age of its last replayed transaction")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			Gauge.builder("pool.replica.available", replica,
					(sampled) -> (this.replicas.skipReason(sampled) == null) ? 1 : 0)
				.description("Whether the replica takes reads: it answers and lags less than the limit")
				.tags(tags)
				.register(registry);
			PostgresPoolMetrics.bindLongBorrows(registry, replica.usage(), tags);
		}
		FunctionCounter.builder("pool.replica.fallbacks", this.replicas, ReadReplicas::fallbacks)
			.description("Read-only borrows that went to the primary because no replica could lend")
			.tags(this.primaryTags)
			.register(registry);
	}

	private static double lagSeconds(ReadReplicas.Replica replica) {
		ReplicaStatus status = replica.monitor().latest();
		Duration lag = status.lag();
		return (status.reachable() && lag != null) ? lag.toMillis() / 1000.0 : Double.NaN;
	}

}
