package dev.poolstarter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;
import dev.poolstarter.settings.UrlMasking;

import org.springframework.util.ClassUtils;

/**
 * Turns the property layers into a {@link RedisClientPlan}: resolve, derive, check.
 *
 * @author pool-starter
 */
public class RedisClientPlanner {

	private final ProfileSelection selection;

	private final PropertyLayers<RedisSettings> properties;

	private final Layer<RedisSettings> serviceConnection;

	private final Layer<RedisSettings> environment;

	private final Layer<RedisSettings> springDataRedis;

	/**
	 * Create a planner.
	 * @param selection the profile, service and instance
	 * @param properties the {@code pool.*} layers
	 * @param serviceConnection what a Spring Boot service connection says, the strongest
	 * layer
	 * @param environment the {@code REDIS_*} environment variables, below the explicit
	 * layer
	 * @param springDataRedis Spring Boot's {@code spring.data.redis.*} properties, below
	 * the profile's override
	 */
	public RedisClientPlanner(ProfileSelection selection, PropertyLayers<RedisSettings> properties,
			Layer<RedisSettings> serviceConnection, Layer<RedisSettings> environment,
			Layer<RedisSettings> springDataRedis) {
		this.selection = selection;
		this.properties = properties;
		this.serviceConnection = serviceConnection;
		this.environment = environment;
		this.springDataRedis = springDataRedis;
	}

	/**
	 * Resolve, derive and check the settings, then plan the client.
	 * @return the plan
	 * @throws RedisSettingsException when the settings are impossible
	 */
	public RedisClientPlan plan() {
		List<Layer<RedisSettings>> layers = List.of(this.serviceConnection, this.properties.explicit(),
				this.environment, this.properties.service(), this.properties.profile(), this.springDataRedis,
				RedisProfiles.builtIn(this.selection.profile()));
		ResolvedSettings<RedisSettings> settings = ResolvedSettings.resolve(RedisSetting.ALL,
				concat(layers, RedisProfiles.libraryDefaults()));
		settings = urlOnlyWhereNothingStrongerNamesTheServer(settings, layers);
		settings = withDerivedDefaults(settings);
		check(settings);
		RedisMode mode = mode(settings);
		return new RedisClientPlan(this.selection, settings, mode, address(settings, mode));
	}

	/**
	 * A URL holds the whole address, but only against weaker layers: a host, Cluster or
	 * Sentinel named by a stronger layer (a service connection, pool.redis) wins over an
	 * ambient REDIS_URL or spring.data.redis.url.
	 */
	private static ResolvedSettings<RedisSettings> urlOnlyWhereNothingStrongerNamesTheServer(
			ResolvedSettings<RedisSettings> settings, List<Layer<RedisSettings>> layers) {
		if (settings.value(RedisSetting.URL) == null) {
			return settings;
		}
		int url = ResolvedSettings.layerOf(RedisSetting.URL, layers);
		for (Setting<RedisSettings, ?> address : List.of(RedisSetting.HOST, RedisSetting.CLUSTER_NODES,
				RedisSetting.SENTINEL_MASTER)) {
			if (ResolvedSettings.layerOf(address, layers) < url) {
				return settings.without(RedisSetting.URL, "set aside: " + settings.get(address).origin()
						+ " names the server (URL from " + settings.get(RedisSetting.URL).origin() + ")");
			}
		}
		return settings;
	}

	private static <S> List<Layer<S>> concat(List<Layer<S>> layers, Layer<S> last) {
		List<Layer<S>> all = new ArrayList<>(layers);
		all.add(last);
		return all;
	}

	private ResolvedSettings<RedisSettings> withDerivedDefaults(ResolvedSettings<RedisSettings> settings) {
		if (!settings.get(RedisSetting.CLIENT_NAME).isSet()) {
			settings = settings.with(RedisSetting.CLIENT_NAME,
					this.selection.service() + "/" + this.selection.instanceId(), "default: service/instance-id");
		}
		if (!settings.get(RedisSetting.POOL_ENABLED).isSet()) {
			boolean commonsPool = ClassUtils.isPresent("org.apache.commons.pool2.impl.GenericObjectPool",
					RedisClientPlanner.class.getClassLoader());
			settings = settings.with(RedisSetting.POOL_ENABLED, commonsPool,
					"Spring Boot default: commons-pool2 " + (commonsPool ? "present" : "absent"));
		}
		if (!settings.get(RedisSetting.POOL_MAX_WAIT).isSet()) {
			Resolved<Duration> commandTimeout = settings.get(RedisSetting.COMMAND_TIMEOUT);
			if (commandTimeout.value() != null) {
				settings = settings.with(RedisSetting.POOL_MAX_WAIT, commandTimeout.value(),
						"derived: command-timeout");
			}
		}
		return settings;
	}

	private static RedisMode mode(ResolvedSettings<RedisSettings> settings) {
		List<String> cluster = settings.value(RedisSetting.CLUSTER_NODES);
		String url = settings.value(RedisSetting.URL);
		if (cluster != null && !cluster.isEmpty()) {
			return RedisMode.CLUSTER;
		}
		if (settings.value(RedisSetting.SENTINEL_MASTER) != null
				|| (url != null && url.startsWith("redis-sentinel"))) {
			return RedisMode.SENTINEL;
		}
		return RedisMode.STANDALONE;
	}

	private static String address(ResolvedSettings<RedisSettings> settings, RedisMode mode) {
		return switch (mode) {
			case CLUSTER -> "cluster " + String.join(",", settings.value(RedisSetting.CLUSTER_NODES));
			case SENTINEL -> (settings.value(RedisSetting.URL) != null)
					? UrlMasking.mask(settings.value(RedisSetting.URL))
					: "sentinel master " + settings.value(RedisSetting.SENTINEL_MASTER) + " via "
							+ String.join(",", settings.value(RedisSetting.SENTINEL_NODES));
			case STANDALONE -> (settings.value(RedisSetting.URL) != null)
					? UrlMasking.mask(settings.value(RedisSetting.URL))
					: settings.value(RedisSetting.HOST) + ":" + settings.value(RedisSetting.PORT) + "/"
							+ settings.value(RedisSetting.DATABASE);
		};
	}

	private static void check(ResolvedSettings<RedisSettings> settings) {
		List<String> cluster = settings.value(RedisSetting.CLUSTER_NODES);
		if (cluster != null && !cluster.isEmpty() && settings.value(RedisSetting.SENTINEL_MASTER) != null) {
			throw new RedisSettingsException(show(settings, RedisSetting.CLUSTER_NODES) + " and "
					+ show(settings, RedisSetting.SENTINEL_MASTER) + " are both set: a client is either for a Cluster "
					+ "or for Sentinel", "Remove one of them.");
		}
		String url = settings.value(RedisSetting.URL);
		if (url != null) {
			checkUrl(url, settings.get(RedisSetting.URL).origin());
		}
		positive(settings, RedisSetting.COMMAND_TIMEOUT);
		positive(settings, RedisSetting.CONNECT_TIMEOUT);
		positive(settings, RedisSetting.RECONNECT_DELAY);
		atLeast(settings, RedisSetting.REQUEST_QUEUE_SIZE, 1);
		atLeast(settings, RedisSetting.POOL_MAX_ACTIVE, 1);
		atLeast(settings, RedisSetting.POOL_MIN_IDLE, 0);
		Duration step = settings.value(RedisSetting.RECONNECT_DELAY);
		Duration max = settings.value(RedisSetting.RECONNECT_DELAY_MAX);
		if (step != null && max != null && step.compareTo(max) > 0) {
			throw new RedisSettingsException(show(settings, RedisSetting.RECONNECT_DELAY) + " is above "
					+ show(settings, RedisSetting.RECONNECT_DELAY_MAX),
					"Set pool.redis.reconnect-delay-max to at least " + DurationFormat.format(step) + ".");
		}
		Integer minIdle = settings.value(RedisSetting.POOL_MIN_IDLE);
		Integer maxActive = settings.value(RedisSetting.POOL_MAX_ACTIVE);
		if (minIdle != null && maxActive != null && minIdle > maxActive) {
			throw new RedisSettingsException(show(settings, RedisSetting.POOL_MIN_IDLE) + " is above "
					+ show(settings, RedisSetting.POOL_MAX_ACTIVE),
					"Set pool.redis.pool-min-idle to at most " + maxActive + ".");
		}
	}

	/**
	 * Lettuce accepts some malformed URLs and fails only at the first command; check the
	 * parts start-up can check.
	 */
	private static void checkUrl(String url, String origin) {
		String reason;
		if (url.contains("-sentinel://")) {
			// several sentinels (h1:26379,h2:26379) are beyond java.net.URI: Lettuce checks them
			try {
				RedisURI.create(url);
				return;
			}
			catch (IllegalArgumentException ex) {
				throw new RedisSettingsException("the URL '" + UrlMasking.mask(url) + "' from " + origin
						+ " cannot be used: " + ex.getMessage(), "Use redis-sentinel://host:26379,host:26379/0#master.");
			}
		}
		try {
			URI uri = new URI(url);
			String scheme = String.valueOf(uri.getScheme());
			if (!List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel").contains(scheme)) {
				reason = "scheme '" + scheme + "' is not redis, rediss, redis-sentinel or rediss-sentinel";
			}
			else if (uri.getHost() == null && !scheme.endsWith("sentinel")) {
				reason = "it has no valid host and port";
			}
			else {
				RedisURI.create(url);
				return;
			}
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			reason = "it cannot be parsed";
		}
		throw new RedisSettingsException("the URL '" + UrlMasking.mask(url) + "' from " + origin + " cannot be used: "
				+ reason, "Use redis://[user:password@]host:6379[/database] or rediss:// for TLS.");
	}

	private static void positive(ResolvedSettings<RedisSettings> settings,
			Setting<RedisSettings, Duration> setting) {
		Duration value = settings.value(setting);
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new RedisSettingsException(show(settings, setting) + " is not positive",
					"Set pool.redis." + setting.key() + " to a positive time, such as 2s.");
		}
	}

	private static void atLeast(ResolvedSettings<RedisSettings> settings,
			Setting<RedisSettings, Integer> setting, int minimum) {
		Integer value = settings.value(setting);
		if (value != null && value < minimum) {
			throw new RedisSettingsException(show(settings, setting) + " is below " + minimum,
					"Set pool.redis." + setting.key() + " to " + minimum + " or more.");
		}
	}

	static String show(ResolvedSettings<RedisSettings> settings, Setting<RedisSettings, ?> setting) {
		Resolved<?> resolved = settings.get(setting);
		return setting.key() + "=" + display(setting.key(), resolved.value()) + " (from " + resolved.origin() + ")";
	}

	/**
	 * Show a value the way logs, messages and endpoints may: never a password.
	 */
	static String display(String key, @Nullable Object value) {
		if (value == null) {
			return "unset";
		}
		if (key.contains("password")) {
			return "******";
		}
		if (key.equals("url")) {
			return UrlMasking.mask(value.toString());
		}
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(String::valueOf).toList());
		}
		return DurationFormat.formatValue(value);
	}

}
