package dev.poolstarter.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import dev.poolstarter.autoconfigure.kafka.KafkaClientsAutoConfiguration;
import dev.poolstarter.autoconfigure.kafka.KafkaClientsPlan;
import dev.poolstarter.autoconfigure.profile.PoolProperties;
import dev.poolstarter.health.KafkaHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Auto-configuration of the {@code kafka} health indicator, which Spring Boot does not
 * have. It checks the cluster with the {@link KafkaAdmin}'s configuration, within
 * {@code pool.health.timeout}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = KafkaClientsAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Admin.class,
		KafkaAdmin.class })
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnEnabledHealthIndicator("kafka")
@EnableConfigurationProperties(PoolProperties.class)
public final class KafkaHealthContributorAutoConfiguration {

	KafkaHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, PoolProperties properties,
			ObjectProvider<KafkaClientsPlan> plan) {
		Map<String, Object> identity = new LinkedHashMap<>();
		plan.ifAvailable((available) -> {
			identity.put("service", available.selection().service());
			identity.put("profile", available.selection().tier().profileName());
		});
		return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.getHealth().getTimeout(),
				identity);
	}

}
