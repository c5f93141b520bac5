package dev.poolstarter.autoconfigure.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.redis.RedisSettings;
import dev.poolstarter.settings.Layer;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * What the deployment and the application already say about Redis: the REDIS_*
 * environment variables the hand-written guides use, and Spring Boot's
 * {@code spring.data.redis.*} properties, each as a layer.
 *
 * @author pool-starter
 */
class SpringDataRedisLayers {

	private static final String SPRING = "spring.data.redis";

	private static final Map<String, String> SPRING_KEYS = Map.ofEntries(Map.entry("command-timeout", "timeout"),
			Map.entry("ssl", "ssl.enabled"), Map.entry("sentinel-master", "sentinel.master"),
			Map.entry("sentinel-nodes", "sentinel.nodes"), Map.entry("cluster-nodes", "cluster.nodes"),
			Map.entry("cluster-max-redirects", "cluster.max-redirects"),
			Map.entry("cluster-refresh-period", "lettuce.cluster.refresh.period"),
			Map.entry("shutdown-timeout", "lettuce.shutdown-timeout"), Map.entry("pool-enabled", "lettuce.pool.enabled"),
			Map.entry("pool-max-active", "lettuce.pool.max-active"), Map.entry("pool-min-idle", "lettuce.pool.min-idle"),
			Map.entry("pool-max-wait", "lettuce.pool.max-wait"));

	private static final Map<String, String> ENVIRONMENT_KEYS = Map.of("url", "REDIS_URL", "host", "REDIS_HOST",
			"port", "REDIS_PORT", "password", "REDIS_PASSWORD", "database", "REDIS_DB", "cluster-nodes",
			"REDIS_CLUSTER_NODES");

	private final Environment environment;

	private final Binder binder;

	SpringDataRedisLayers(Environment environment) {
		this.environment = environment;
		this.binder = Binder.get(environment);
	}

	Layer<RedisSettings> environmentLayer() {
		RedisSettings settings = new RedisSettings();
		settings.setUrl(this.environment.getProperty("REDIS_URL"));
		settings.setHost(this.environment.getProperty("REDIS_HOST"));
		settings.setPort(this.environment.getProperty("REDIS_PORT", Integer.class));
		settings.setPassword(this.environment.getProperty("REDIS_PASSWORD"));
		settings.setDatabase(this.environment.getProperty("REDIS_DB", Integer.class));
		String clusterNodes = this.environment.getProperty("REDIS_CLUSTER_NODES");
		settings.setClusterNodes((clusterNodes != null) ? Arrays.asList(clusterNodes.split("\\s*,\\s*")) : null);
		return Layer.keyed(settings, (key) -> ENVIRONMENT_KEYS.getOrDefault(key, key));
	}

	/**
	 * Return what a Spring Boot service connection says (Docker Compose, Testcontainers),
	 * or an empty layer when the details are Spring Boot's own, read from properties.
	 */
	static Layer<RedisSettings> serviceConnectionLayer(
			@Nullable DataRedisConnectionDetails details) {
		RedisSettings settings = new RedisSettings();
		if (details != null && !details.getClass().getSimpleName().equals("PropertiesDataRedisConnectionDetails")) {
			settings.setUsername(details.getUsername());
			settings.setPassword(details.getPassword());
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			if (standalone != null) {
				settings.setHost(standalone.getHost());
				settings.setPort(standalone.getPort());
				settings.setDatabase(standalone.getDatabase());
			}
			DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
			if (sentinel != null) {
				settings.setSentinelMaster(sentinel.getMaster());
				settings.setSentinelNodes(sentinel.getNodes().stream().map((node) -> node.host() + ":" + node.port()).toList());
				settings.setDatabase(sentinel.getDatabase());
			}
			DataRedisConnectionDetails.Cluster cluster = details.getCluster();
			if (cluster != null) {
				settings.setClusterNodes(cluster.getNodes().stream().map((node) -> node.host() + ":" + node.port()).toList());
			}
		}
		return Layer.named("service connection", settings);
	}

	Layer<RedisSettings> springDataRedisLayer() {
		RedisSettings settings = new RedisSettings();
		settings.setUrl(bind("url", String.class));
		settings.setHost(bind("host", String.class));
		settings.setPort(bind("port", Integer.class));
		settings.setUsername(bind("username", String.class));
		settings.setPassword(bind("password", String.class));
		settings.setDatabase(bind("database", Integer.class));
		settings.setCommandTimeout(bind("timeout", Duration.class));
		settings.setConnectTimeout(bind("connect-timeout", Duration.class));
		settings.setClientName(bind("client-name", String.class));
		settings.setSsl(bind("ssl.enabled", Boolean.class));
		settings.setSentinelMaster(bind("sentinel.master", String.class));
		settings.setSentinelNodes(bindList("sentinel.nodes"));
		settings.setClusterNodes(bindList("cluster.nodes"));
		settings.setClusterMaxRedirects(bind("cluster.max-redirects", Integer.class));
		settings.setClusterRefreshPeriod(bind("lettuce.cluster.refresh.period", Duration.class));
		settings.setShutdownTimeout(bind("lettuce.shutdown-timeout", Duration.class));
		settings.setPoolEnabled(bind("lettuce.pool.enabled", Boolean.class));
		settings.setPoolMaxActive(bind("lettuce.pool.max-active", Integer.class));
		settings.setPoolMinIdle(bind("lettuce.pool.min-idle", Integer.class));
		settings.setPoolMaxWait(bind("lettuce.pool.max-wait", Duration.class));
		return Layer.keyed(settings, (key) -> SPRING + "." + SPRING_KEYS.getOrDefault(key, key));
	}

	private <T> @Nullable T bind(String key, Class<T> type) {
		return this.binder.bind(SPRING + "." + key, type).orElse(null);
	}

	private @Nullable List<String> bindList(String key) {
		return this.binder.bind(SPRING + "." + key, Bindable.listOf(String.class)).orElse(null);
	}

}
