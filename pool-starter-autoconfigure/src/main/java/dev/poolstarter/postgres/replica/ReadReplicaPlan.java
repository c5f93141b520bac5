package dev.poolstarter.postgres.replica;

import java.time.Duration;
import java.util.List;

import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.settings.DurationFormat;

/**
 * Everything the starter decided for the read replicas: one {@link PostgresPoolPlan} per
 * replica (pools {@code replica-1}, {@code replica-2}, ...), each with its own size and
 * its own server's fleet budget, and how reads are routed.
 *
 * @param replicas the plan of each replica's pool
 * @param fallback where read-only work goes when no replica can take it
 * @param maxLag lag above which a replica gets no reads
 * @param checkInterval how often each replica is sampled
 * @author pool-starter
 * @since 0.1.0
 */
public record ReadReplicaPlan(List<PostgresPoolPlan> replicas, ReplicaFallback fallback, Duration maxLag,
		Duration checkInterval) {

	/**
	 * Return the replica pools' names.
	 * @return the names, such as {@code replica-1}
	 */
	public List<String> poolNames() {
		return this.replicas.stream().map(PostgresPoolPlan::poolName).toList();
	}

	/**
	 * Describe the routing in one line, for the start-up log.
	 * @return the description
	 */
	public String describe() {
		return "Read-only transactions go to " + this.replicas.stream()
			.map((replica) -> "'" + replica.poolName() + "' (" + replica.connection().url().displayUrl() + ")")
			.toList() + " in turn, skipping a replica that is down or lags more than " + DurationFormat.format(this.maxLag)
				+ " (pool.postgres.replica.max-lag); with none left they "
				+ ((this.fallback == ReplicaFallback.PRIMARY) ? "run on the primary" : "fail")
				+ " (pool.postgres.replica.fallback=" + this.fallback.name().toLowerCase() + ")";
	}

}
