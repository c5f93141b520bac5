package dev.poolstarter.autoconfigure.kafka;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.autoconfigure.PoolSelectionConfiguration;
import dev.poolstarter.kafka.KafkaAdminFactory;
import dev.poolstarter.kafka.KafkaClientsPlan;
import dev.poolstarter.kafka.KafkaClientsPlanner;
import dev.poolstarter.kafka.KafkaStartupReport;
import dev.poolstarter.settings.ProfileSelection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the Kafka clients from the {@code pool.*} profiles. It does not
 * replace Spring Boot's Kafka auto-configuration: it contributes customizers that put
 * the resolved settings into the producer and consumer factories Boot builds, before the
 * application's own customizers run, and builds the {@link KafkaAdmin} the same way Boot
 * does with the admin settings added. Beans the application defines itself win.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ KafkaTemplate.class, DefaultKafkaProducerFactoryCustomizer.class })
@ConditionalOnBooleanProperty(name = "pool.kafka.enabled", matchIfMissing = true)
@Import(PoolSelectionConfiguration.class)
public final class KafkaClientsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KafkaClientsAutoConfiguration.class);

	KafkaClientsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaClientsPlan kafkaClientsPlan(ProfileSelection selection, PoolSelectionConfiguration.Layers layers,
			Environment environment, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
		KafkaConnectionDetails details = connectionDetails.getIfUnique();
		// a service connection (Docker Compose, Testcontainers) wins over an ambient
		// KAFKA_BROKERS, as connection details win in Spring Boot
		boolean serviceConnection = details != null
				&& !details.getClass().getSimpleName().equals("PropertiesKafkaConnectionDetails");
		String brokers = serviceConnection ? null : environment.getProperty(KafkaClientsPlanner.KAFKA_BROKERS);
		KafkaClientsPlan plan = KafkaClientsPlanner.plan(selection, layers.kafka(), brokers,
				new SpringKafkaLayers(environment).layer());
		logger.info(KafkaStartupReport.render(plan));
		return plan;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	DefaultKafkaProducerFactoryCustomizer poolKafkaProducerFactoryCustomizer(KafkaClientsPlan plan) {
		return (factory) -> {
			factory.updateConfigs(plan.producerConfig());
			factory.setPhysicalCloseTimeout(wholeSeconds(plan));
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	DefaultKafkaConsumerFactoryCustomizer poolKafkaConsumerFactoryCustomizer(KafkaClientsPlan plan) {
		return (factory) -> factory.updateConfigs(plan.consumerConfig());
	}

	/**
	 * With static membership each listener needs its own group.instance.id: two listeners
	 * of one group sharing an id fence each other. Spring Kafka adds a suffix per
	 * consumer of a concurrent container.
	 */
	@Bean
	static BeanPostProcessor poolKafkaStaticMembership(ObjectProvider<KafkaClientsPlan> plan) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ConcurrentKafkaListenerContainerFactory<?, ?> factory) {
					factory.setContainerCustomizer((container) -> {
						String memberId = plan.getObject().groupInstanceId();
						if (memberId != null) {
							container.getContainerProperties()
								.getKafkaConsumerProperties()
								.setProperty("group.instance.id", memberId + "-" + container.getListenerId());
						}
					});
				}
				return bean;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaAdmin kafkaAdmin(KafkaClientsPlan plan, Environment environment,
			ObjectProvider<KafkaConnectionDetails> connectionDetails) {
		return KafkaAdminFactory.create(new SpringKafkaLayers(environment).properties(),
				connectionDetails.getIfAvailable(), plan.adminConfig());
	}

	private static int wholeSeconds(KafkaClientsPlan plan) {
		long millis = plan.producerCloseTimeout().toMillis();
		return (int) Math.max(0, (millis + 999) / 1000);
	}

}
