package dev.poolstarter.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * The resolved Kafka client settings of this application and the configuration entries
 * the starter writes into each client.
 *
 * @param selection the profile, service and instance
 * @param settings the effective settings and their origins
 * @author pool-starter
 * @since 0.1.0
 */
public record KafkaClientsPlan(ProfileSelection selection, ResolvedSettings<KafkaSettings> settings) {

	private static final String SASL_JAAS_CONFIG = "sasl.jaas.config";

	private static final String SASL_MECHANISM = "sasl.mechanism";

	/**
	 * Return the id of this service instance, {@code <service>-<instance-id>}.
	 * @return the id
	 */
	public String memberId() {
		return this.selection.service() + "-" + this.selection.instanceId();
	}

	/**
	 * Return the static group membership id of the consumers, if static membership is
	 * on.
	 * @return the id or {@code null}
	 */
	public @Nullable String groupInstanceId() {
		return Boolean.TRUE.equals(this.settings.value(KafkaSetting.STATIC_MEMBERSHIP)) ? memberId() : null;
	}

	/**
	 * Return the effective physical close timeout of producers.
	 * @return the timeout
	 */
	public Duration producerCloseTimeout() {
		Duration timeout = this.settings.value(KafkaSetting.CLOSE_TIMEOUT);
		return (timeout != null) ? timeout : Duration.ofSeconds(30);
	}

	/**
	 * Return the producer configuration entries the starter writes.
	 * @return the entries, keyed by client configuration key
	 */
	public Map<String, Object> producerConfig() {
		return config(KafkaClientType.PRODUCER);
	}

	/**
	 * Return the consumer configuration entries the starter writes.
	 * @return the entries, keyed by client configuration key
	 */
	public Map<String, Object> consumerConfig() {
		return config(KafkaClientType.CONSUMER);
	}

	/**
	 * Return the admin client configuration entries the starter writes.
	 * @return the entries, keyed by client configuration key
	 */
	public Map<String, Object> adminConfig() {
		return config(KafkaClientType.ADMIN);
	}

	private Map<String, Object> config(KafkaClientType client) {
		ConfigDef definition = KafkaClientType.configDef(client);
		Map<String, Object> config = new LinkedHashMap<>();
		this.settings.asMap().forEach((entry, resolved) -> {
			KafkaSetting<?> setting = (KafkaSetting<?>) entry;
			String key = setting.kafkaKey();
			// consumers keep spring-kafka's own ids, one per container: a shared id clashes
			boolean consumerId = client == KafkaClientType.CONSUMER && "client.id".equals(key);
			if (key != null && !consumerId && resolved.applied() && resolved.value() != null
					&& setting.client().appliesTo(client)) {
				config.put(key, typed(definition, key, KafkaSetting.kafkaText(resolved.value())));
			}
		});
		String jaas = jaasConfig();
		if (jaas != null) {
			config.put(SASL_JAAS_CONFIG, typed(definition, SASL_JAAS_CONFIG, jaas));
			if (this.settings.value(KafkaSetting.SASL_MECHANISM) == null) {
				config.putIfAbsent(SASL_MECHANISM, "PLAIN");
			}
		}
		return config;
	}

	private static Object typed(ConfigDef definition, String key, String text) {
		ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
		return (configKey != null) ? ConfigDef.parseType(key, text, configKey.type) : text;
	}

	/**
	 * Return the JAAS configuration for SASL PLAIN or SCRAM when a layer of the starter
	 * sets a username.
	 */
	private @Nullable String jaasConfig() {
		Resolved<String> username = this.settings.get(KafkaSetting.USERNAME);
		if (username.value() == null || !username.applied()) {
			return null;
		}
		String mechanism = this.settings.value(KafkaSetting.SASL_MECHANISM);
		String module = (mechanism != null && mechanism.toUpperCase(Locale.ROOT).startsWith("SCRAM"))
				? "org.apache.kafka.common.security.scram.ScramLoginModule"
				: "org.apache.kafka.common.security.plain.PlainLoginModule";
		String password = this.settings.value(KafkaSetting.PASSWORD);
		return module + " required username=\"" + escape(username.value()) + "\" password=\""
				+ escape((password != null) ? password : "") + "\";";
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
