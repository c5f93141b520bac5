package dev.poolstarter.autoconfigure.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.kafka.KafkaClientsAutoConfiguration;
import dev.poolstarter.autoconfigure.kafka.SharedKafkaBroker;
import dev.poolstarter.health.KafkaHealthIndicator;
import dev.poolstarter.test.FreePort;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link KafkaHealthContributorAutoConfiguration} and
 * {@link KafkaHealthIndicator}, against the shared embedded KRaft broker and against an
 * address where nothing listens.
 */
class KafkaHealthIntegrationTests {

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
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("management.health.kafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("kafkaHealthIndicator"));
	}

}
