package dev.poolstarter.kafka.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.health.HealthStatuses;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Health of the Kafka clients: the cluster, described through one long-lived admin
 * client within a timeout and cached, and the application's listener containers. DOWN
 * only when no broker answers; a consumer-group rebalance never makes it DOWN, since the
 * cluster description does not depend on groups. A container that stopped, or whose
 * consumer stopped polling, makes it {@link HealthStatuses#DEGRADED}; a container that
 * is not started on purpose ({@code autoStartup=false}) is shown and is no problem.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private final Duration cacheTtl;

	private final Map<String, Object> identity;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final KafkaConsumerPollTracker pollTracker;

	private final Clock clock;

	private volatile @Nullable Admin admin;

	private volatile @Nullable ClusterView cluster;

	/**
	 * Create an indicator.
	 * @param adminConfig the admin client configuration, bootstrap servers included
	 * @param timeout the longest time one check waits for the cluster
	 * @param cacheTtl how long a cluster description is reused
	 * @param identity details that name the clients, such as service and profile
	 * @param containers the application's listener containers
	 * @param pollTracker the consumers that recently stopped polling
	 * @param clock the clock
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration cacheTtl,
			Map<String, Object> identity, Supplier<Collection<MessageListenerContainer>> containers,
			KafkaConsumerPollTracker pollTracker, Clock clock) {
		super("Kafka health check failed");
		this.adminConfig = Map.copyOf(adminConfig);
		this.timeout = timeout;
		this.cacheTtl = cacheTtl;
		this.identity = Map.copyOf(identity);
		this.containers = containers;
		this.pollTracker = pollTracker;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetails(this.identity);
		ClusterView cluster = cluster();
		builder.withDetail("clusterId", cluster.clusterId())
			.withDetail("nodes", cluster.nodes())
			.withDetail("controller", cluster.controller());
		List<String> strain = new ArrayList<>();
		Map<String, String> listeners = listeners(strain);
		if (!listeners.isEmpty()) {
			builder.withDetail("listeners", listeners);
		}
		builder.status(strain.isEmpty() ? Status.UP : HealthStatuses.DEGRADED);
		if (!strain.isEmpty()) {
			builder.withDetail("reasons", strain);
		}
	}

	private ClusterView cluster() throws Exception {
		ClusterView cached = this.cluster;
		Instant now = this.clock.instant();
		if (cached != null && Duration.between(cached.describedAt(), now).compareTo(this.cacheTtl) <= 0) {
			return cached;
		}
		DescribeClusterResult result = admin()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		KafkaFuture.allOf(result.clusterId(), result.nodes(), result.controller())
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Node controller = result.controller().get();
		ClusterView described = new ClusterView(String.valueOf(result.clusterId().get()), result.nodes().get().size(),
				(controller != null) ? controller.host() + ":" + controller.port() : "none", now);
		this.cluster = described;
		return described;
	}

	private Map<String, String> listeners(List<String> strain) {
		Map<String, String> listeners = new LinkedHashMap<>();
		for (MessageListenerContainer container : this.containers.get()) {
			String id = String.valueOf(container.getListenerId());
			Duration notPolling = this.pollTracker.notPollingFor(id);
			String state;
			if (notPolling != null) {
				state = "not polling for " + notPolling.toSeconds() + "s";
				strain.add("listener " + id + " is " + state);
			}
			else if (container.isRunning() && container.isInExpectedState()) {
				state = container.isContainerPaused() ? "paused" : "running";
			}
			else if (container.isRunning()) {
				state = "a consumer stopped";
				strain.add("listener " + id + " has " + state);
			}
			else if (!container.isAutoStartup()) {
				state = "not started (autoStartup=false)";
			}
			else {
				state = "stopped";
				strain.add("listener " + id + " is stopped");
			}
			listeners.put(id, state);
		}
		return listeners;
	}

	private Admin admin() {
		Admin admin = this.admin;
		if (admin == null) {
			synchronized (this) {
				admin = this.admin;
				if (admin == null) {
					admin = Admin.create(this.adminConfig);
					this.admin = admin;
				}
			}
		}
		return admin;
	}

	/**
	 * Close the admin client, waiting at most the check's timeout.
	 */
	@Override
	public void close() {
		Admin admin = this.admin;
		if (admin != null) {
			this.admin = null;
			admin.close(this.timeout);
		}
	}

	private record ClusterView(String clusterId, int nodes, String controller, Instant describedAt) {
	}

}
