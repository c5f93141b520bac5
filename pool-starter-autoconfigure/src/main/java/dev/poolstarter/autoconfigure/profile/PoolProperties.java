package dev.poolstarter.autoconfigure.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Root of the {@code pool.*} property tree.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@ConfigurationProperties("pool")
public class PoolProperties {

	/**
	 * Profile whose table supplies the defaults: dev, staging, prod, prod-high-traffic or
	 * serverless. Defaults to the first active Spring profile with one of those names,
	 * else dev.
	 */
	private @Nullable String profile;

	/**
	 * Name of this service; selects its pool.services entry and starts its
	 * application_name. Defaults to spring.application.name.
	 */
	private @Nullable String service;

	/**
	 * Id of this instance of the service, shown in application_name. Defaults to the host
	 * name and the process id.
	 */
	private @Nullable String instanceId;

	/**
	 * Number of instances of this service that share the database, for the fleet budget
	 * and the sizing formula.
	 */
	private int instances = 1;

	/**
	 * Explicit PostgreSQL settings, which win over every other layer.
	 */
	@NestedConfigurationProperty
	private final PostgresProperties postgres = new PostgresProperties();

	/**
	 * Per-service entries, keyed by service name.
	 */
	private final Map<String, ClientSettings> services = new LinkedHashMap<>();

	/**
	 * Overrides of the built-in profile tables, keyed by profile name.
	 */
	private final Map<String, ClientSettings> profiles = new LinkedHashMap<>();

	public @Nullable String getProfile() {
		return this.profile;
	}

	public void setProfile(@Nullable String profile) {
		this.profile = profile;
	}

	public @Nullable String getService() {
		return this.service;
	}

	public void setService(@Nullable String service) {
		this.service = service;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public int getInstances() {
		return this.instances;
	}

	public void setInstances(int instances) {
		this.instances = instances;
	}

	public PostgresProperties getPostgres() {
		return this.postgres;
	}

	public Map<String, ClientSettings> getServices() {
		return this.services;
	}

	public Map<String, ClientSettings> getProfiles() {
		return this.profiles;
	}

}
