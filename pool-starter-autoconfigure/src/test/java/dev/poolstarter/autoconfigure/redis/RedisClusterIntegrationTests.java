package dev.poolstarter.autoconfigure.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolstarter.test.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test of the client in Cluster mode against a three-node Redis Cluster on
 * loopback ports, started from the redis-server binary and formed by the test.
 */
class RedisClusterIntegrationTests {

	private static final int SLOTS = 16384;

	private static final List<TestRedis.PrivateRedis> nodes = new ArrayList<>();

	private static Path configDirectory;

	@BeforeAll
	static void startCluster() throws IOException {
		configDirectory = Files.createTempDirectory("pool-redis-cluster");
		for (int i = 0; i < 3; i++) {
			nodes.add(TestRedis.startPrivate("cluster-enabled yes",
					"cluster-config-file " + configDirectory.resolve("nodes-" + i + ".conf"),
					"cluster-node-timeout 2000"));
		}
		for (int i = 0; i < 3; i++) {
			int from = SLOTS * i / 3;
			int to = SLOTS * (i + 1) / 3;
			List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
			for (int slot = from; slot < to; slot++) {
				command.add(String.valueOf(slot));
			}
			assertThat(TestRedis.command("127.0.0.1", nodes.get(i).port(), command.toArray(String[]::new)))
				.isEqualTo("+OK");
		}
		for (int i = 1; i < 3; i++) {
			TestRedis.command("127.0.0.1", nodes.get(0).port(), "CLUSTER", "MEET", "127.0.0.1",
					String.valueOf(nodes.get(i).port()));
		}
		await().atMost(Duration.ofSeconds(20)).until(RedisClusterIntegrationTests::clusterIsOk);
	}

	@AfterAll
	static void stopCluster() {
		nodes.forEach(TestRedis.PrivateRedis::close);
	}

	@Test
	void clientSpreadsKeysOverTheClusterWithTopologyRefresh() {
		String seeds = String.join(",", nodes.stream().map((node) -> "127.0.0.1:" + node.port()).toList());
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withPropertyValues("pool.profile=prod-high-traffic", "pool.redis.cluster-nodes=" + seeds)
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				ClusterClientOptions options = (ClusterClientOptions) factory.getClientConfiguration()
					.getClientOptions()
					.orElseThrow();
				assertThat(options.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				for (int i = 0; i < 100; i++) {
					template.opsForValue().set("key-" + i, String.valueOf(i));
				}
				for (int i = 0; i < 100; i++) {
					assertThat(template.opsForValue().get("key-" + i)).isEqualTo(String.valueOf(i));
				}
				for (TestRedis.PrivateRedis node : nodes) {
					assertThat(keyCount(node)).as("keys on node " + node.port()).isGreaterThan(10);
				}
				assertThat(factory.getClusterConnection().clusterGetNodes()).hasSize(3);
			});
	}

	// every node must see the whole cluster: one that still gossips answers CLUSTERDOWN
	private static boolean clusterIsOk() {
		return nodes.stream()
			.allMatch((node) -> clusterInfo(node).contains("cluster_state:ok")
					&& clusterInfo(node).contains("cluster_known_nodes:3"));
	}

	private static long keyCount(TestRedis.PrivateRedis node) {
		return Long.parseLong(TestRedis.command("127.0.0.1", node.port(), "DBSIZE").substring(1));
	}

	private static String clusterInfo(TestRedis.PrivateRedis node) {
		RedisClient client = RedisClient.create(RedisURI.create(node.url()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().clusterInfo();
		}
		catch (RuntimeException ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
		finally {
			client.shutdown();
		}
	}

}
