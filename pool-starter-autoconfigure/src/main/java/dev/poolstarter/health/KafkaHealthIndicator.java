package dev.poolstarter.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Kafka cluster: one cluster description through a long-lived admin
 * client, bounded by a timeout. UP with the cluster id, node count and controller; DOWN
 * when no broker answers in time.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private final Map<String, Object> identity;

	private volatile @Nullable Admin admin;

	/**
	 * Create an indicator.
	 * @param adminConfig the admin client configuration, bootstrap servers included
	 * @param timeout the longest time one check waits for the cluster
	 * @param identity details that name the clients, such as service and profile
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Map<String, Object> identity) {
		super("Kafka health check failed");
		this.adminConfig = Map.copyOf(adminConfig);
		this.timeout = timeout;
		this.identity = Map.copyOf(identity);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetails(this.identity);
		DescribeClusterResult cluster = admin()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		KafkaFuture.allOf(cluster.clusterId(), cluster.nodes(), cluster.controller())
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Node controller = cluster.controller().get();
		builder.up()
			.withDetail("clusterId", String.valueOf(cluster.clusterId().get()))
			.withDetail("nodes", cluster.nodes().get().size())
			.withDetail("controller", (controller != null) ? controller.host() + ":" + controller.port() : "none");
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

}
