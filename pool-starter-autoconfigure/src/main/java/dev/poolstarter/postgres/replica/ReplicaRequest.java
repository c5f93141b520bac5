package dev.poolstarter.postgres.replica;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the application says about its read replicas, as {@code pool.postgres.replicas}
 * and {@code pool.postgres.replica.*} set it.
 *
 * @param urls the replicas' URLs
 * @param maxConnections the size of each replica's pool, or {@code null} for the
 * primary's
 * @param fallback where read-only work goes when no replica takes it
 * @param maxLag the lag past which a replica takes no reads
 * @param checkInterval how often each replica's lag is read
 * @param failFast whether start-up stops when a replica does not answer
 * @author pool-starter
 * @since 0.1.0
 */
public record ReplicaRequest(List<String> urls, @Nullable Integer maxConnections, ReplicaFallback fallback,
		Duration maxLag, Duration checkInterval, boolean failFast) {

}
