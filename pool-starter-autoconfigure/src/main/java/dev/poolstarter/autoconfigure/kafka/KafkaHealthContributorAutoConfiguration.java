package dev.poolstarter.autoconfigure.kafka;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.kafka.KafkaClientsPlan;
import dev.poolstarter.kafka.health.KafkaConsumerPollTracker;
import dev.poolstarter.kafka.health.KafkaHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

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
	@ConditionalOnMissingBean
	KafkaConsumerPollTracker kafkaConsumerPollTracker() {
		return new KafkaConsumerPollTracker(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, PoolProperties properties,
			ObjectProvider<KafkaClientsPlan> plan, ObjectProvider<KafkaListenerEndpointRegistry> registry,
			ObjectProvider<MessageListenerContainer> containerBeans, KafkaConsumerPollTracker pollTracker) {
		KafkaClientsPlan available = plan.getIfAvailable();
		Map<String, Object> identity = (available != null) ? available.selection().identity() : Map.of();
		return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.getHealth().getTimeout(),
				properties.getHealth().getCacheTtl(), identity, () -> containers(registry, containerBeans), pollTracker,
				Clock.systemUTC());
	}

	/**
	 * Return the {@code @KafkaListener} containers and the containers declared as beans.
	 */
	private static Collection<MessageListenerContainer> containers(ObjectProvider<KafkaListenerEndpointRegistry> registry,
			ObjectProvider<MessageListenerContainer> containerBeans) {
		Set<MessageListenerContainer> containers = new LinkedHashSet<>();
		registry.ifAvailable((available) -> containers.addAll(available.getListenerContainers()));
		containerBeans.orderedStream().forEach(containers::add);
		return containers;
	}

}
