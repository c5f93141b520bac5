package dev.poolstarter.autoconfigure.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import dev.poolstarter.kafka.KafkaClientsPlan;
import dev.poolstarter.kafka.KafkaSetting;
import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.kafka.KafkaSettingsException;
import dev.poolstarter.kafka.KafkaStartupReport;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaClientsAutoConfiguration}: the configuration that ends up in the
 * factories and admin Spring Boot builds.
 */
class KafkaClientsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaClientsAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("pool.service=orders", "pool.instance-id=i1");

	@Test
	void defaultContextAppliesTheDevTableAndIds() {
		this.runner.run((context) -> {
			assertThat(producerConfig(context)).containsEntry("compression.type", "zstd")
				.containsEntry("linger.ms", 5L)
				.containsEntry("batch.size", 16384)
				.containsEntry("delivery.timeout.ms", 30000)
				.containsEntry("request.timeout.ms", 10000)
				.doesNotContainKeys("enable.idempotence", "acks", "max.in.flight.requests.per.connection");
			assertThat(consumerConfig(context)).containsEntry("group.id", "orders")
				.containsEntry("session.timeout.ms", 30000)
				.containsEntry("heartbeat.interval.ms", 3000)
				.containsEntry("fetch.max.wait.ms", 500)
				.doesNotContainKeys("group.instance.id", "max.partition.fetch.bytes");
			assertThat(producerClientId(context)).isEqualTo("orders-i1");
			assertThat(context.getBean(DefaultKafkaProducerFactory.class).getPhysicalCloseTimeout())
				.isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
				.containsEntry("socket.connection.setup.timeout.ms", 5000L)
				.containsEntry("request.timeout.ms", 10000)
				.containsEntry("client.id", "orders-i1");
		});
	}

	@Test
	void prodHighTrafficProfileUsesLargerBatches() {
		this.runner.withPropertyValues("pool.profile=prod-high-traffic").run((context) -> {
			assertThat(producerConfig(context)).containsEntry("linger.ms", 20L).containsEntry("batch.size", 262144);
			assertThat(context.getBean(DefaultKafkaProducerFactory.class).getPhysicalCloseTimeout())
				.isEqualTo(Duration.ofSeconds(20));
		});
	}

	@Test
	void backsOffWhenUserDefinesProducerFactory() {
		this.runner.withUserConfiguration(UserProducerFactoryConfiguration.class).run((context) -> {
			ProducerFactory<?, ?> factory = context.getBean(ProducerFactory.class);
			assertThat(factory).isSameAs(context.getBean("userProducerFactory"));
			assertThat(factory.getConfigurationProperties()).doesNotContainKeys("linger.ms", "compression.type");
		});
	}

	@Test
	void backsOffWhenUserDefinesKafkaAdmin() {
		this.runner.withUserConfiguration(UserKafkaAdminConfiguration.class)
			.run((context) -> assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
				.doesNotContainKey("socket.connection.setup.timeout.ms"));
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("pool.kafka.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KafkaClientsPlan.class);
			assertThat(producerConfig(context)).doesNotContainKeys("linger.ms", "client.id");
		});
	}

	@Test
	void backsOffWithoutSpringKafka() {
		this.runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClientsPlan.class));
	}

	@Test
	void eachLayerWinsOverTheWeakerOnes() {
		this.runner
			.withPropertyValues("pool.profile=prod", "pool.kafka.producer.linger=7ms",
					"pool.services.orders.kafka.producer.linger=20ms",
					"pool.services.orders.kafka.producer.batch-size=100KB",
					"pool.profiles.prod.kafka.producer.linger=30ms", "pool.profiles.prod.kafka.producer.batch-size=200KB",
					"pool.profiles.prod.kafka.producer.delivery-timeout=3m",
					"spring.kafka.producer.properties[linger.ms]=40",
					"spring.kafka.producer.batch-size=300000",
					"spring.kafka.producer.properties[delivery.timeout.ms]=240000",
					"spring.kafka.producer.properties[request.timeout.ms]=25000")
			.run((context) -> {
				assertThat(producerConfig(context)).containsEntry("linger.ms", 7L)
					.containsEntry("batch.size", 102400)
					.containsEntry("delivery.timeout.ms", 180000)
					.containsEntry("request.timeout.ms", "25000")
					.containsEntry("compression.type", "zstd");
				ResolvedSettings<KafkaSettings> settings = context.getBean(KafkaClientsPlan.class).settings();
				assertThat(settings.get(KafkaSetting.LINGER).origin()).isEqualTo("pool.kafka.producer.linger");
				assertThat(settings.get(KafkaSetting.BATCH_SIZE).origin())
					.isEqualTo("pool.services.orders.kafka.producer.batch-size");
				assertThat(settings.get(KafkaSetting.DELIVERY_TIMEOUT).origin())
					.isEqualTo("pool.profiles.prod.kafka.producer.delivery-timeout");
				assertThat(settings.get(KafkaSetting.REQUEST_TIMEOUT).origin()).startsWith("spring.kafka");
				assertThat(settings.get(KafkaSetting.COMPRESSION).origin()).isEqualTo("profile prod");
			});
	}

	@Test
	void honoursSpringKafkaGroupIdAndClientId() {
		this.runner.withPropertyValues("spring.kafka.consumer.group-id=legacy", "spring.kafka.client-id=legacy-app")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("group.id", "legacy")
					.containsEntry("client.id", "legacy-app");
				assertThat(producerClientId(context)).isEqualTo("legacy-app");
			});
	}

	@Test
	void kafkaBrokersBeatsSpringKafkaBootstrapServers() {
		this.runner.withPropertyValues("KAFKA_BROKERS=k1:9092, k2:9092", "spring.kafka.bootstrap-servers=old:9092")
			.run((context) -> {
				assertThat(producerConfig(context)).containsEntry("bootstrap.servers", List.of("k1:9092", "k2:9092"));
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("k1:9092", "k2:9092"));
				assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
					.containsEntry("bootstrap.servers", List.of("k1:9092", "k2:9092"));
			});
	}

	@Test
	void poolBootstrapServersBeatKafkaBrokers() {
		this.runner.withPropertyValues("KAFKA_BROKERS=k1:9092", "pool.kafka.bootstrap-servers=p1:9092")
			.run((context) -> assertThat(producerConfig(context)).containsEntry("bootstrap.servers",
					List.of("p1:9092")));
	}

	@Test
	void staticMembershipGivesEachListenerItsOwnGroupInstanceId() {
		this.runner.withPropertyValues("pool.kafka.static-membership=true")
			.withUserConfiguration(TwoListeners.class)
			.run((context) -> {
				KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
				assertThat(groupInstanceId(registry, "orders-listener")).isEqualTo("orders-i1-orders-listener");
				assertThat(groupInstanceId(registry, "audit-listener")).isEqualTo("orders-i1-audit-listener");
			});
	}

	@Test
	void consumersKeepSpringKafkasOwnClientIds() {
		this.runner.run((context) -> assertThat(consumerConfig(context)).doesNotContainKey("client.id"));
	}

	private static String groupInstanceId(KafkaListenerEndpointRegistry registry, String id) {
		return registry.getListenerContainer(id)
			.getContainerProperties()
			.getKafkaConsumerProperties()
			.getProperty("group.instance.id");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class TwoListeners {

		@KafkaListener(id = "orders-listener", topics = "orders", autoStartup = "false")
		void orders(String record) {
		}

		@KafkaListener(id = "audit-listener", topics = "orders", autoStartup = "false")
		void audit(String record) {
		}

	}

	@Test
	void contradictionStopsStartUp() {
		this.runner.withPropertyValues("spring.kafka.producer.acks=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(KafkaSettingsException.class)
				.hasMessageContaining("producer.acks=1 (from spring.kafka.* (acks))")
				.hasMessageContaining("producer.idempotence=true (from kafka-clients default)");
		});
	}

	@Test
	void heartbeatNotBelowAThirdOfSessionStopsStartUp() {
		this.runner
			.withPropertyValues("pool.kafka.consumer.heartbeat-interval=10s",
					"pool.kafka.security.password=hunter2", "pool.kafka.security.username=app")
			.run((context) -> {
				assertThat(context).hasFailed();
				KafkaSettingsException failure = (KafkaSettingsException) context.getStartupFailure().getCause()
					.getCause();
				assertThat(failure.getAction()).contains("heartbeat-interval to at most 9999ms");
				assertThat(failure.getMessage() + failure.getAction()).doesNotContain("hunter2");
			});
	}

	@Test
	void secretsNeverReachTheStartUpTable() {
		this.runner
			.withPropertyValues("pool.kafka.security.protocol=SASL_SSL", "pool.kafka.security.username=app",
					"pool.kafka.security.password=hunter2", "pool.kafka.security.truststore-password=s3cret")
			.run((context) -> {
				String table = KafkaStartupReport.render(context.getBean(KafkaClientsPlan.class));
				assertThat(table).contains("security.password", "****", "SASL_SSL")
					.doesNotContain("hunter2")
					.doesNotContain("s3cret");
				Map<String, Object> producer = producerConfig(context);
				assertThat(producer.get("sasl.jaas.config")).isInstanceOf(Password.class);
				assertThat(String.valueOf(producer.get("sasl.jaas.config"))).doesNotContain("hunter2");
				assertThat(((Password) producer.get("sasl.jaas.config")).value()).contains("PlainLoginModule")
					.contains("password=\"hunter2\"");
				assertThat(producer).containsEntry("sasl.mechanism", "PLAIN");
			});
	}

	private static Map<String, Object> producerConfig(AssertableApplicationContext context) {
		return context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
	}

	/**
	 * Return the prefix of producers' client ids, which the factory keeps apart from its
	 * configuration.
	 */
	private static Object producerClientId(AssertableApplicationContext context) {
		return ReflectionTestUtils.getField(context.getBean(DefaultKafkaProducerFactory.class), "clientIdPrefix");
	}

	private static Map<String, Object> consumerConfig(AssertableApplicationContext context) {
		return context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProducerFactoryConfiguration {

		@Bean
		DefaultKafkaProducerFactory<Object, Object> userProducerFactory() {
			return new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "user:9092"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserKafkaAdminConfiguration {

		@Bean
		KafkaAdmin userKafkaAdmin() {
			return new KafkaAdmin(Map.of("bootstrap.servers", "user:9092"));
		}

	}

}
