package dev.poolstarter.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.poolstarter.health.HealthStatuses;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthDefaultsEnvironmentPostProcessor}.
 */
class HealthDefaultsEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void ordersDegradedBetweenUpAndDownSoThatItIsNotIgnored() {
		postProcess();
		String order = this.environment.getProperty("management.endpoint.health.status.order");
		SimpleStatusAggregator aggregator = new SimpleStatusAggregator(order.split(","));
		assertThat(aggregator.getAggregateStatus(Set.of(Status.UP, HealthStatuses.DEGRADED)))
			.isEqualTo(HealthStatuses.DEGRADED);
		assertThat(aggregator.getAggregateStatus(Set.of(Status.DOWN, HealthStatuses.DEGRADED)))
			.isEqualTo(Status.DOWN);
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, HealthStatuses.DEGRADED)))
			.as("Spring Boot's default order ignores DEGRADED").isEqualTo(Status.UP);
	}

	@Test
	void servesDownAndOutOfServiceWith503AndDegradedWith200() {
		postProcess();
		HttpCodeStatusMapper mapper = mapper("management.endpoint.health.status.http-mapping");
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(mapper.getStatusCode(HealthStatuses.DEGRADED)).isEqualTo(200);
		assertThat(mapper.getStatusCode(Status.UP)).isEqualTo(200);
	}

	@Test
	void applicationMappingsWinStatusByStatusWhateverTheirSpelling() {
		this.environment.setProperty("management.endpoint.health.status.http-mapping.down", "500");
		this.environment.setProperty("management.endpoint.health.status.http-mapping.degraded", "429");
		postProcess();
		HttpCodeStatusMapper mapper = mapper("management.endpoint.health.status.http-mapping");
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(500);
		assertThat(mapper.getStatusCode(HealthStatuses.DEGRADED)).isEqualTo(429);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).as("not mapped by the application").isEqualTo(503);
	}

	@Test
	void aGroupWithAMappingOfItsOwnKeepsServingDownWith503() {
		this.environment.setProperty("management.endpoint.health.group.readiness.status.http-mapping.DEGRADED",
				"503");
		this.environment.setProperty("management.endpoint.health.group.custom.include", "ping");
		postProcess();
		HttpCodeStatusMapper readiness = mapper("management.endpoint.health.group.readiness.status.http-mapping");
		assertThat(readiness.getStatusCode(HealthStatuses.DEGRADED)).isEqualTo(503);
		assertThat(readiness.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(readiness.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(Binder.get(this.environment)
			.bind("management.endpoint.health.group.custom.status.http-mapping",
					Bindable.mapOf(String.class, Integer.class))
			.isBound()).as("a group without a mapping of its own uses the endpoint's").isFalse();
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

	private HttpCodeStatusMapper mapper(String name) {
		return HttpCodeStatusMapper
			.of(Binder.get(this.environment).bind(name, Bindable.mapOf(String.class, Integer.class)).get());
	}

	private void postProcess() {
		new HealthDefaultsEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

}
