package dev.poolstarter.autoconfigure.profile;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Which profile, service and instance this application is, and the property layers that
 * follow from them.
 *
 * @param properties the bound {@code pool.*} properties
 * @param tier the selected profile
 * @param tierOrigin why that profile was selected
 * @param service the service name
 * @param serviceOrigin where the service name came from
 * @param instanceId the id of this instance
 * @author pool-starter
 * @since 0.1.0
 */
public record PoolSelection(PoolProperties properties, PoolTier tier, String tierOrigin, String service,
		String serviceOrigin, String instanceId) {

	private static final String DEFAULT_SERVICE = "application";

	/**
	 * Select the profile, service and instance from the properties and the environment.
	 * @param properties the bound properties
	 * @param environment the environment, for active profiles and the application name
	 * @return the selection
	 * @throws UnknownPoolNameException when a profile or service name does not exist
	 */
	public static PoolSelection select(PoolProperties properties, Environment environment) {
		checkProfileOverrides(properties);
		TierChoice tier = chooseTier(properties.getProfile(), environment.getActiveProfiles());
		ServiceChoice service = chooseService(properties, environment);
		String instanceId = StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId()
				: defaultInstanceId();
		return new PoolSelection(properties, tier.tier(), tier.origin(), service.name(), service.origin(), instanceId);
	}

	private static void checkProfileOverrides(PoolProperties properties) {
		for (String name : properties.getProfiles().keySet()) {
			if (!PoolTier.profileNames().contains(name)) {
				throw new UnknownPoolNameException("pool.profiles." + name, name, "profile", PoolTier.profileNames());
			}
		}
	}

	private static TierChoice chooseTier(@Nullable String configured, String[] activeProfiles) {
		if (StringUtils.hasText(configured)) {
			PoolTier tier = PoolTier.fromName(configured)
				.orElseThrow(() -> new UnknownPoolNameException("pool.profile", configured, "profile",
						PoolTier.profileNames()));
			return new TierChoice(tier, "pool.profile");
		}
		List<String> active = new ArrayList<>(Arrays.asList(activeProfiles));
		for (int i = active.size() - 1; i >= 0; i--) {
			String name = active.get(i);
			PoolTier tier = PoolTier.fromName(name).orElse(null);
			if (tier != null) {
				return new TierChoice(tier, "active Spring profile '" + name + "'");
			}
		}
		return new TierChoice(PoolTier.DEV, "default (no pool.profile, no matching Spring profile)");
	}

	private static ServiceChoice chooseService(PoolProperties properties, Environment environment) {
		String configured = properties.getService();
		if (StringUtils.hasText(configured)) {
			if (!properties.getServices().isEmpty() && !properties.getServices().containsKey(configured)) {
				throw new UnknownPoolNameException("pool.service", configured, "service",
						List.copyOf(properties.getServices().keySet()));
			}
			return new ServiceChoice(configured, "pool.service");
		}
		String applicationName = environment.getProperty("spring.application.name");
		if (StringUtils.hasText(applicationName)) {
			return new ServiceChoice(applicationName, "spring.application.name");
		}
		return new ServiceChoice(DEFAULT_SERVICE, "default (spring.application.name not set)");
	}

	private static String defaultInstanceId() {
		String host = System.getenv("HOSTNAME");
		if (!StringUtils.hasText(host)) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "localhost";
			}
		}
		return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
	}

	/**
	 * Describe the selection for start-up tables: service, profile and instance, with
	 * where each came from.
	 * @return the description
	 */
	public String describe() {
		return "service '" + this.service + "' (" + this.serviceOrigin + "), profile " + this.tier.profileName() + " ("
				+ this.tierOrigin + "), instance " + this.instanceId;
	}

	/**
	 * Return this service's entry in {@code pool.services}, if it has one.
	 * @return the entry or {@code null}
	 */
	public @Nullable ClientSettings serviceEntry() {
		return this.properties.getServices().get(this.service);
	}

	/**
	 * Return the explicit layer, {@code pool.postgres.*}.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<PostgresPoolSettings> explicitPostgresLayer() {
		return ResolvedClientSettings.Layer.properties("pool.postgres", this.properties.getPostgres());
	}

	/**
	 * Return the per-service layer, empty when the service has no entry.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<PostgresPoolSettings> servicePostgresLayer() {
		ClientSettings entry = serviceEntry();
		return ResolvedClientSettings.Layer.properties("pool.services." + this.service + ".postgres",
				(entry != null) ? entry.getPostgres() : new PostgresPoolSettings());
	}

	/**
	 * Return the user's override of the selected profile's table, empty when there is
	 * none.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<PostgresPoolSettings> profileOverridePostgresLayer() {
		ClientSettings override = this.properties.getProfiles()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equals(this.tier.profileName()))
			.map((entry) -> entry.getValue())
			.findFirst()
			.orElse(null);
		return ResolvedClientSettings.Layer.properties("pool.profiles." + this.tier.profileName() + ".postgres",
				(override != null) ? override.getPostgres() : new PostgresPoolSettings());
	}

	/**
	 * Return the selected profile's built-in table.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<PostgresPoolSettings> builtInPostgresLayer() {
		return ResolvedClientSettings.Layer.named("profile " + this.tier.profileName(), BuiltInProfiles.postgres(this.tier));
	}

	/**
	 * Return the client libraries' own defaults, the weakest layer.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<PostgresPoolSettings> libraryDefaultsLayer() {
		return BuiltInProfiles.libraryDefaults();
	}

	/**
	 * Return the explicit Redis layer, {@code pool.redis.*}.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<RedisSettings> explicitRedisLayer() {
		return ResolvedClientSettings.Layer.properties("pool.redis", this.properties.getRedis());
	}

	/**
	 * Return this service's Redis entry, empty when there is none.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<RedisSettings> serviceRedisLayer() {
		ClientSettings entry = serviceEntry();
		return ResolvedClientSettings.Layer.properties("pool.services." + this.service + ".redis",
				(entry != null) ? entry.getRedis() : new RedisSettings());
	}

	/**
	 * Return the user's override of the selected profile's Redis table.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<RedisSettings> profileOverrideRedisLayer() {
		ClientSettings override = this.properties.getProfiles().get(this.tier.profileName());
		return ResolvedClientSettings.Layer.properties("pool.profiles." + this.tier.profileName() + ".redis",
				(override != null) ? override.getRedis() : new RedisSettings());
	}

	/**
	 * Return the selected profile's built-in Redis table.
	 * @return the layer
	 */
	public ResolvedClientSettings.Layer<RedisSettings> builtInRedisLayer() {
		return ResolvedClientSettings.Layer.named("profile " + this.tier.profileName(),
				BuiltInProfiles.redis(this.tier));
	}

	private record TierChoice(PoolTier tier, String origin) {
	}

	private record ServiceChoice(String name, String origin) {
	}

}
