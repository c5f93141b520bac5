package dev.poolstarter.autoconfigure.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.poolstarter.test.FreePort;
import org.junit.jupiter.api.Test;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.kafka.health.KafkaHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link KafkaHealthContributorAutoConfiguration} and
 * {@link KafkaHealthIndicator}, against the shared embedded KRaft broker and against an
 * address where nothing listens.
 */
class KafkaHealthIntegrationTests {

	@Configuration(proxyBeanMethods = false)
	static class ListenerContainers {

		@Bean
		ConcurrentMessageListenerContainer<Object, Object> ordersContainer(ConsumerFactory<Object, Object> consumerFactory) {
			return container(consumerFactory, "orders-listener", true);
		}

		@Bean
		ConcurrentMessageListenerContainer<Object, Object> replayContainer(ConsumerFactory<Object, Object> consumerFactory) {
			return container(consumerFactory, "replay-listener", false);
		}

		private static ConcurrentMessageListenerContainer<Object, Object> container(
				ConsumerFactory<Object, Object> consumerFactory, String id, boolean autoStartup) {
			ContainerProperties properties = new ContainerProperties("pool-health-" + id);
			properties.setMessageListener((MessageListener<Object, Object>) (record) -> {
			});
			properties.setGroupId(id);
			ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(
					consumerFactory, properties);
			container.setAutoStartup(autoStartup);
			return container;
		}

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaClientsAutoConfiguration.class, KafkaAutoConfiguration.class,
				KafkaHealthContributorAutoConfiguration.class))
		.withPropertyValues("pool.service=orders", "pool.instance-id=i1");

	@Test
	void upWithClusterDetailsWhenTheBrokerAnswers() {
		this.runner.withPropertyValues("pool.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers())
			.run((context) -> {
				Health health = context.getBean("kafkaHealthIndicator", KafkaHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("nodes", 1)
					.containsEntry("service", "orders")
					.containsKeys("clusterId", "controller");
			});
	}

	@Test
	void downWithinItsTimeoutWhenNoBrokerAnswers() {
		this.runner
			.withPropertyValues("pool.kafka.bootstrap-servers=127.0.0.1:" + FreePort.closed(),
					"pool.health.timeout=500ms")
			.run((context) -> {
				KafkaHealthIndicator indicator = context.getBean(KafkaHealthIndicator.class);
				long start = System.nanoTime();
				Health health = indicator.health(true);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(elapsed).isLessThan(Duration.ofMillis(1500));
			});
	}

	@Test
	void upWhileTheBrokerRunsAndDownOnceItStops() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		try {
			this.runner
				.withPropertyValues("pool.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
						"pool.health.timeout=500ms", "pool.health.cache-ttl=0s")
				.run((context) -> {
					KafkaHealthIndicator indicator = context.getBean(KafkaHealthIndicator.class);
					assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
					broker.destroy();
					long start = System.nanoTime();
					Health health = indicator.health(true);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				});
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void showsListenerContainersAndDegradesWhenOneStops() {
		this.runner.withPropertyValues("pool.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers())
			.withUserConfiguration(ListenerContainers.class)
			.run((context) -> {
				KafkaHealthIndicator indicator = context.getBean(KafkaHealthIndicator.class);
				Health health = indicator.health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("listeners")).isEqualTo(
						Map.of("ordersContainer", "running", "replayContainer", "not started (autoStartup=false)"));
				context.getBean("ordersContainer", MessageListenerContainer.class).stop();
				Health degraded = indicator.health(true);
				assertThat(degraded.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
				assertThat(degraded.getDetails().get("reasons")).isEqualTo(List.of("listener ordersContainer is stopped"));
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("management.health.kafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("kafkaHealthIndicator"));
	}

}
