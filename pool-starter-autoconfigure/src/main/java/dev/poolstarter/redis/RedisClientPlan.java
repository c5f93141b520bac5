package dev.poolstarter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.ResolvedSettings;
import dev.poolstarter.settings.Setting;

/**
 * Everything the starter decided for the Redis client, with the reasons: the selection,
 * the mode, and every effective setting with its origin.
 *
 * @param selection the profile, service and instance
 * @param settings the effective settings and their origins
 * @param mode standalone, Sentinel or Cluster
 * @param address where the client connects, without credentials
 * @author pool-starter
 * @since 0.1.0
 */
public record RedisClientPlan(ProfileSelection selection, ResolvedSettings<RedisSettings> settings, RedisMode mode,
		String address) {

	/**
	 * Return the effective value of a setting.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value, or {@code null}
	 */
	public <T> @Nullable T value(Setting<RedisSettings, T> setting) {
		return this.settings.value(setting);
	}

	/**
	 * Return an effective duration that always has a value.
	 * @param setting the setting
	 * @return the duration
	 */
	public Duration duration(Setting<RedisSettings, Duration> setting) {
		Duration value = value(setting);
		if (value == null) {
			throw new IllegalStateException("'" + setting.key() + "' was not resolved");
		}
		return value;
	}

	/**
	 * Return the prefix of the JMX names of the client's commons-pool2 pools.
	 * @return the prefix, such as {@code pool-redis-orders}
	 */
	public String poolJmxNamePrefix() {
		return "pool-redis-" + this.selection.service().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
				+ Integer.toHexString(System.identityHashCode(this)) + "-";
	}

	/**
	 * Whether connections come from a commons-pool2 pool.
	 * @return whether pooling is on
	 */
	public boolean isPooled() {
		return Boolean.TRUE.equals(value(dev.poolstarter.redis.RedisSetting.POOL_ENABLED));
	}

	/**
	 * Return the Cluster or Sentinel nodes, empty in standalone mode.
	 * @param setting the nodes setting
	 * @return the nodes
	 */
	List<String> nodes(Setting<RedisSettings, List<String>> setting) {
		List<String> nodes = value(setting);
		return (nodes != null) ? nodes : List.of();
	}

	/**
	 * Return the details that name the client in health output: its mode and address
	 * (masked), the service and the profile.
	 * @return the details
	 */
	public Map<String, Object> identity() {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("mode", this.mode.name().toLowerCase(Locale.ROOT));
		identity.put("address", this.address);
		identity.putAll(this.selection.identity());
		return identity;
	}

}
