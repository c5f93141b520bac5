package dev.poolstarter.kafka;

import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link KafkaAdmin} as Spring Boot's {@code KafkaAutoConfiguration} does,
 * from {@code spring.kafka.*} and the connection details, then adds the starter's admin
 * settings, since {@link KafkaAdmin} has no customizer.
 *
 * @author pool-starter
 */
public final class KafkaAdminFactory {

	private KafkaAdminFactory() {
	}

	public static KafkaAdmin create(KafkaProperties properties, @Nullable KafkaConnectionDetails connectionDetails,
			Map<String, Object> poolConfig) {
		Map<String, Object> config = properties.buildAdminProperties();
		if (connectionDetails != null) {
			applyConnectionDetails(config, connectionDetails.getAdmin());
		}
		config.putAll(poolConfig);
		KafkaAdmin admin = new KafkaAdmin(config);
		KafkaProperties.Admin adminProperties = properties.getAdmin();
		if (adminProperties.getCloseTimeout() != null) {
			admin.setCloseTimeout((int) adminProperties.getCloseTimeout().getSeconds());
		}
		if (adminProperties.getOperationTimeout() != null) {
			admin.setOperationTimeout((int) adminProperties.getOperationTimeout().getSeconds());
		}
		admin.setFatalIfBrokerNotAvailable(adminProperties.isFailFast());
		admin.setModifyTopicConfigs(adminProperties.isModifyTopicConfigs());
		admin.setAutoCreate(adminProperties.isAutoCreate());
		return admin;
	}

	private static void applyConnectionDetails(Map<String, Object> config,
			KafkaConnectionDetails.Configuration admin) {
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, admin.getBootstrapServers());
		if (StringUtils.hasLength(admin.getSecurityProtocol())) {
			config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, admin.getSecurityProtocol());
		}
		SslBundle sslBundle = admin.getSslBundle();
		if (sslBundle != null) {
			config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
			config.put(SslBundle.class.getName(), sslBundle);
		}
	}

}
