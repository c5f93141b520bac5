package dev.poolstarter.autoconfigure.kafka;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.ClientSettings;
import dev.poolstarter.autoconfigure.profile.KafkaSettings;
import dev.poolstarter.autoconfigure.profile.PoolProperties;
import dev.poolstarter.autoconfigure.profile.PoolSelection;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Resolves the Kafka client settings from their layers, strongest first: {@code pool.kafka},
 * {@code pool.services.<service>.kafka}, {@code pool.profiles.<profile>.kafka}, the
 * {@code KAFKA_BROKERS} environment variable, {@code spring.kafka.*}, the ids derived
 * from the service and instance, the profile's built-in table and the clients' own
 * defaults.
 *
 * @author pool-starter
 */
final class KafkaClientsPlanner {

	static final String KAFKA_BROKERS = "KAFKA_BROKERS";

	private KafkaClientsPlanner() {
	}

	static KafkaClientsPlan plan(PoolSelection selection, Environment environment) {
		return plan(selection, environment, false);
	}

	/**
	 * Plan the clients; with a service connection (Docker Compose, Testcontainers) an
	 * ambient KAFKA_BROKERS does not apply, as in Spring Boot connection details win.
	 */
	static KafkaClientsPlan plan(PoolSelection selection, Environment environment, boolean serviceConnection) {
		SpringKafkaSettings spring = new SpringKafkaSettings(environment);
		ResolvedKafkaSettings settings = ResolvedKafkaSettings
			.resolve(layers(selection, environment, spring, serviceConnection));
		KafkaSettingsValidator.validate(settings);
		return new KafkaClientsPlan(selection, settings);
	}

	static List<KafkaLayer> layers(PoolSelection selection, Environment environment, SpringKafkaSettings spring,
			boolean serviceConnection) {
		PoolProperties properties = selection.properties();
		String profile = selection.tier().profileName();
		return List.of(KafkaLayer.properties("pool.kafka", properties.getKafka()),
				KafkaLayer.properties("pool.services." + selection.service() + ".kafka",
						kafka(selection.serviceEntry())),
				KafkaLayer.properties("pool.profiles." + profile + ".kafka",
						kafka(properties.getProfiles().get(profile))),
				brokersLayer(serviceConnection ? null : environment), spring.layer(), derivedLayer(selection),
				KafkaProfiles.builtIn(selection.tier()), KafkaProfiles.libraryDefaults());
	}

	private static KafkaSettings kafka(@Nullable ClientSettings settings) {
		return (settings != null) ? settings.getKafka() : new KafkaSettings();
	}

	private static KafkaLayer brokersLayer(@Nullable Environment environment) {
		KafkaSettings settings = new KafkaSettings();
		String brokers = (environment != null) ? environment.getProperty(KAFKA_BROKERS) : null;
		if (StringUtils.hasText(brokers)) {
			settings.setBootstrapServers(KafkaSetting.BOOTSTRAP_SERVERS.fromKafka(brokers));
		}
		return KafkaLayer.named(KAFKA_BROKERS, settings, true);
	}

	private static KafkaLayer derivedLayer(PoolSelection selection) {
		KafkaSettings settings = new KafkaSettings();
		settings.setClientId(selection.service() + "-" + selection.instanceId());
		settings.setGroupId(selection.service());
		return new KafkaLayer((setting) -> setting.getter().apply(settings),
				(setting) -> (setting == KafkaSetting.GROUP_ID) ? "service name (" + selection.serviceOrigin() + ")"
						: "service and instance",
				true);
	}

}
