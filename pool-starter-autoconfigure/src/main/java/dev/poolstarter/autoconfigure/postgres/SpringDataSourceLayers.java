package dev.poolstarter.autoconfigure.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.Layer;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * What an existing application already says under {@code spring.datasource}: its URL and
 * credentials, and its {@code spring.datasource.hikari.*} settings, which the starter
 * honours wherever {@code pool.*} does not say otherwise.
 *
 * @author pool-starter
 */
class SpringDataSourceLayers {

	private static final String HIKARI = "spring.datasource.hikari";

	/**
	 * Hikari keys that the starter owns: the connection itself and the pool's identity.
	 */
	private static final Set<String> OWNED_HIKARI_KEYS = Set.of("jdbc-url", "driver-class-name",
			"data-source-class-name", "data-source-j-n-d-i", "username", "password", "pool-name",
			"metrics-tracker-factory", "metric-registry", "health-check-registry", "data-source");

	private final Environment environment;

	private final Binder binder;

	SpringDataSourceLayers(Environment environment) {
		this.environment = environment;
		this.binder = Binder.get(environment);
	}

	@Nullable String url() {
		return this.environment.getProperty("spring.datasource.url");
	}

	@Nullable String username() {
		return this.environment.getProperty("spring.datasource.username");
	}

	@Nullable String password() {
		return this.environment.getProperty("spring.datasource.password");
	}

	/**
	 * Return the {@code spring.datasource.hikari.*} values of the settings the starter
	 * resolves, as a layer.
	 * @return the layer
	 */
	Layer<PostgresSettings> hikariLayer() {
		PostgresSettings settings = new PostgresSettings();
		Integer maximum = bind("maximum-pool-size", Integer.class);
		settings.setMaxConnections((maximum != null) ? PoolSize.of(maximum) : null);
		settings.setMinIdle(bind("minimum-idle", Integer.class));
		settings.setPoolTimeout(millis("connection-timeout"));
		settings.setIdleTimeout(millis("idle-timeout"));
		settings.setMaxLifetime(millis("max-lifetime"));
		settings.setKeepalive(millis("keepalive-time"));
		settings.setValidationTimeout(millis("validation-timeout"));
		settings.setLeakDetectionThreshold(millis("leak-detection-threshold"));
		settings.setReadOnly(bind("read-only", Boolean.class));
		return Layer.keyed(settings, (key) -> HIKARI + "." + hikariKey(key));
	}

	/**
	 * Bind every other {@code spring.datasource.hikari.*} property onto the pool's
	 * configuration, so that settings the starter does not resolve still apply.
	 * @param config the configuration
	 */
	void bindOther(HikariConfig config) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(this.environment);
		List<ConfigurationPropertySource> filtered = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			filtered.add(source.filter(this::isNotOwned));
		}
		new Binder(filtered).bind(HIKARI, Bindable.ofInstance(config));
	}

	private boolean isNotOwned(ConfigurationPropertyName name) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(HIKARI);
		if (!prefix.isAncestorOf(name)) {
			return true;
		}
		return !OWNED_HIKARI_KEYS.contains(name.getElement(prefix.getNumberOfElements(),
				ConfigurationPropertyName.Form.DASHED));
	}

	private <T> @Nullable T bind(String key, Class<T> type) {
		return this.binder.bind(HIKARI + "." + key, type).orElse(null);
	}

	private @Nullable Duration millis(String key) {
		Long value = bind(key, Long.class);
		return (value != null) ? Duration.ofMillis(value) : null;
	}

	private static String hikariKey(String key) {
		return switch (key) {
			case "max-connections" -> "maximum-pool-size";
			case "min-idle" -> "minimum-idle";
			case "pool-timeout" -> "connection-timeout";
			case "keepalive" -> "keepalive-time";
			default -> key;
		};
	}

}
