package dev.poolstarter.postgres.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The {@code replicas} section of the {@code db} health: where reads go, and each
 * replica's state, lag and pool counters. A replica that gets no reads makes health
 * DEGRADED, never DOWN, while the primary answers.
 *
 * @author pool-starter
 */
public final class ReadReplicaHealth {

	private ReadReplicaHealth() {
	}

	public static Map<String, Object> details(ReadReplicas replicas, Instant now, List<String> strain) {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean anyUsable = replicas.anyUsable();
		details.put("reads", anyUsable ? "replicas"
				: replicas.isFallbackToPrimary() ? "primary (no replica usable, fallback=primary)"
						: "failing (no replica usable, fallback=fail)");
		details.put("fallbacks", replicas.fallbacks());
		details.put("maxLagSeconds", seconds(replicas.maxLag()));
		for (ReadReplicas.Replica replica : replicas.replicas()) {
			details.put(replica.poolName(), replica(replicas, replica, now, strain));
		}
		if (!anyUsable) {
			strain.add(replicas.isFallbackToPrimary() ? "no read replica usable: reads on primary"
					: "no read replica usable: read-only transactions fail (fallback=fail)");
		}
		return details;
	}

	private static Map<String, Object> replica(ReadReplicas replicas, ReadReplicas.Replica replica, Instant now,
			List<String> strain) {
		Map<String, Object> details = new LinkedHashMap<>();
		ReplicaStatus status = replica.monitor().latest();
		String skipped = replicas.skipReason(replica);
		details.put("status", !status.reachable() ? "DOWN" : (skipped != null) ? "DEGRADED" : "UP");
		details.put("database", replica.url());
		details.put("routing", (skipped != null) ? "skipped: " + skipped : "reads");
		if (status.sampled()) {
			if (status.inRecovery() != null) {
				details.put("inRecovery", status.inRecovery());
			}
			details.put("lagSeconds", (status.lag() != null) ? seconds(status.lag()) : "unknown");
			details.put("sampleAgeMillis", Duration.between(status.sampledAt(), now).toMillis());
		}
		else {
			details.put("sample", "none yet");
		}
		details.put("client", client(replica));
		if (status.error() != null) {
			details.put("error", status.error());
		}
		if (skipped != null) {
			strain.add("replica '" + replica.poolName() + "' " + skipped);
		}
		if (Boolean.FALSE.equals(status.inRecovery())) {
			strain.add("replica '" + replica.poolName() + "' is not in recovery: a primary, not a standby");
		}
		return details;
	}

	private static Map<String, Object> client(ReadReplicas.Replica replica) {
		Map<String, Object> client = new LinkedHashMap<>();
		HikariPoolMXBean bean = replica.pool().getHikariPoolMXBean();
		client.put("active", (bean != null) ? bean.getActiveConnections() : 0);
		client.put("idle", (bean != null) ? bean.getIdleConnections() : 0);
		client.put("pending", (bean != null) ? bean.getThreadsAwaitingConnection() : 0);
		client.put("total", (bean != null) ? bean.getTotalConnections() : 0);
		client.put("maximum", replica.pool().getMaximumPoolSize());
		return client;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
