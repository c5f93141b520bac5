package dev.poolstarter.kafka;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.util.StringUtils;

/**
 * Resolves the Kafka client settings from their layers, strongest first: {@code pool.kafka},
 * {@code pool.services.<service>.kafka}, {@code pool.profiles.<profile>.kafka}, the
 * {@code KAFKA_BROKERS} environment variable, {@code spring.kafka.*}, the ids derived
 * from the service and instance, the profile's built-in table and the clients' own
 * defaults; then checks them.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class KafkaClientsPlanner {

	/**
	 * The environment variable naming the brokers, as platforms set it.
	 */
	public static final String KAFKA_BROKERS = "KAFKA_BROKERS";

	private KafkaClientsPlanner() {
	}

	/**
	 * Plan the clients.
	 * @param selection the profile, service and instance
	 * @param properties the {@code pool.*} layers
	 * @param kafkaBrokers the value of {@value #KAFKA_BROKERS}, or {@code null} when it is
	 * not set or does not apply (a service connection wins over it)
	 * @param spring what Spring Boot's {@code spring.kafka.*} properties already set
	 * @return the plan
	 * @throws KafkaSettingsException when settings contradict each other
	 */
	public static KafkaClientsPlan plan(ProfileSelection selection, PropertyLayers<KafkaSettings> properties,
			@Nullable String kafkaBrokers, Layer<KafkaSettings> spring) {
		ResolvedSettings<KafkaSettings> settings = ResolvedSettings.resolve(KafkaSetting.ALL,
				layers(selection, properties, kafkaBrokers, spring));
		KafkaSettingsValidator.validate(settings);
		return new KafkaClientsPlan(selection, settings);
	}

	private static List<Layer<KafkaSettings>> layers(ProfileSelection selection,
			PropertyLayers<KafkaSettings> properties, @Nullable String kafkaBrokers, Layer<KafkaSettings> spring) {
		List<Layer<KafkaSettings>> layers = new ArrayList<>(properties.all());
		layers.add(brokersLayer(kafkaBrokers));
		layers.add(spring);
		layers.add(derivedLayer(selection));
		layers.add(KafkaProfiles.builtIn(selection.profile()));
		layers.add(KafkaProfiles.libraryDefaults());
		return layers;
	}

	private static Layer<KafkaSettings> brokersLayer(@Nullable String brokers) {
		KafkaSettings settings = new KafkaSettings();
		if (StringUtils.hasText(brokers)) {
			settings.setBootstrapServers(KafkaSetting.BOOTSTRAP_SERVERS.fromKafka(brokers));
		}
		return Layer.named(KAFKA_BROKERS, settings);
	}

	private static Layer<KafkaSettings> derivedLayer(ProfileSelection selection) {
		KafkaSettings settings = new KafkaSettings();
		settings.setClientId(selection.service() + "-" + selection.instanceId());
		settings.setGroupId(selection.service());
		return new Layer<>((setting) -> setting.read(settings),
				(setting) -> (setting == KafkaSetting.GROUP_ID) ? "service name (" + selection.serviceOrigin() + ")"
						: "service and instance",
				true);
	}

}
