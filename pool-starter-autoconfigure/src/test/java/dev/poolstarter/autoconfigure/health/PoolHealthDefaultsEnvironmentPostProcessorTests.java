package dev.poolstarter.autoconfigure.health;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.poolstarter.health.PoolHealthStatus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolHealthDefaultsEnvironmentPostProcessor}.
 */
class PoolHealthDefaultsEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void ordersDegradedBetweenUpAndDownSoThatItIsNotIgnored() {
		postProcess();
		String order = this.environment.getProperty("management.endpoint.health.status.order");
		SimpleStatusAggregator aggregator = new SimpleStatusAggregator(order.split(","));
		assertThat(aggregator.getAggregateStatus(Set.of(Status.UP, PoolHealthStatus.DEGRADED)))
			.isEqualTo(PoolHealthStatus.DEGRADED);
		assertThat(aggregator.getAggregateStatus(Set.of(Status.DOWN, PoolHealthStatus.DEGRADED)))
			.isEqualTo(Status.DOWN);
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, PoolHealthStatus.DEGRADED)))
			.as("Spring Boot's default order ignores DEGRADED").isEqualTo(Status.UP);
		assertThat(this.environment.getProperty("management.endpoint.health.status.http-mapping.DEGRADED"))
			.isEqualTo("200");
	}

	@Test
	void servesDownWith503ThoughDegradedIsMappedTo200() {
		postProcess();
		Map<String, Integer> mappings = Binder.get(this.environment)
			.bind("management.endpoint.health.status.http-mapping", Bindable.mapOf(String.class, Integer.class))
			.get();
		SimpleHttpCodeStatusMapper mapper = new SimpleHttpCodeStatusMapper(mappings);
		assertThat(mapper.getStatusCode(PoolHealthStatus.DEGRADED)).isEqualTo(200);
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(new SimpleHttpCodeStatusMapper(Map.of("DEGRADED", 200)).getStatusCode(Status.DOWN))
			.as("Spring Boot's built-in mappings apply only when none is set").isEqualTo(200);
	}

	@Test
	void putsTheDatabaseInReadiness() {
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db");
	}

	@Test
	void applicationSettingsWin() {
		this.environment.setProperty("management.endpoint.health.status.order", "DOWN,UP");
		this.environment.setProperty("management.endpoint.health.group.readiness.include", "readinessState");
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.status.order")).isEqualTo("DOWN,UP");
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState");
	}

	@Test
	void leavesReadinessAloneWhenTheDatabaseIndicatorIsOff() {
		this.environment.setProperty("management.health.db.enabled", "false");
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include")).isNull();
	}

	private void postProcess() {
		new PoolHealthDefaultsEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

}
