package dev.poolstarter.autoconfigure;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.redis.RedisSettings;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The selection of profile, service and instance, made once from {@link PoolProperties}
 * for every client, and each client's {@code pool.*} property layers. Every client's
 * auto-configuration imports it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PoolProperties.class)
public class PoolSelectionConfiguration {

	PoolSelectionConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileSelection poolProfileSelection(PoolProperties properties, Environment environment) {
		return ProfileSelection.select(properties.getProfile(), properties.getProfiles().keySet(),
				environment.getActiveProfiles(), properties.getService(), properties.getServices().keySet(),
				environment.getProperty("spring.application.name"), properties.getInstanceId());
	}

	@Bean
	@ConditionalOnMissingBean
	Layers poolPropertyLayers(PoolProperties properties, ProfileSelection selection) {
		return new Layers(properties, selection);
	}

	/**
	 * Each client's {@code pool.*} layers for the selected service and profile.
	 */
	public static final class Layers {

		private final PoolProperties properties;

		private final ProfileSelection selection;

		Layers(PoolProperties properties, ProfileSelection selection) {
			this.properties = properties;
			this.selection = selection;
		}

		/**
		 * Return the PostgreSQL layers.
		 * @return the layers
		 */
		public PropertyLayers<PostgresSettings> postgres() {
			return layers("postgres", this.properties.getPostgres(), LayerProperties::getPostgres,
					PostgresSettings::new);
		}

		/**
		 * Return the Redis layers.
		 * @return the layers
		 */
		public PropertyLayers<RedisSettings> redis() {
			return layers("redis", this.properties.getRedis(), LayerProperties::getRedis, RedisSettings::new);
		}

		/**
		 * Return the Kafka layers.
		 * @return the layers
		 */
		public PropertyLayers<KafkaSettings> kafka() {
			return layers("kafka", this.properties.getKafka(), LayerProperties::getKafka, KafkaSettings::new);
		}

		private <S> PropertyLayers<S> layers(String client, S explicit, Function<LayerProperties, S> part,
				Supplier<S> empty) {
			String profile = this.selection.profileName();
			return new PropertyLayers<>(Layer.properties("pool." + client, explicit),
					Layer.properties("pool.services." + this.selection.service() + "." + client,
							settings(this.properties.getServices().get(this.selection.service()), part, empty)),
					Layer.properties("pool.profiles." + profile + "." + client,
							settings(this.properties.getProfiles().get(profile), part, empty)));
		}

		private static <S> S settings(@Nullable LayerProperties entry, Function<LayerProperties, S> part,
				Supplier<S> empty) {
			return (entry != null) ? part.apply(entry) : empty.get();
		}

	}

}
