package dev.poolstarter.autoconfigure.shutdown;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;
import dev.poolstarter.shutdown.ShutdownTimeline;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring tests for {@link ShutdownAutoConfiguration} that need no server: the shutdown
 * durations that would leave the steps no time stop start-up.
 */
class ShutdownAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ShutdownAutoConfiguration.class));

	@Test
	void negativeTimeoutStopsStartupNamingItsOriginAndTheValueToUse() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withInitializer((context) -> context
			.getEnvironment()
			.getPropertySources()
			.addFirst(load("shutdown/negative-timeout.properties"))));
		assertThat(analysis.getDescription())
			.contains("Invalid value '-1s' for configuration property 'pool.shutdown.timeout'")
			.contains("class path resource [shutdown/negative-timeout.properties] - 2:23")
			.contains("every shutdown step would get 0 ms")
			.contains("such as 30s (the default)");
		assertThat(analysis.getAction()).contains("Review the value of the property");
	}

	@Test
	void zeroTimeoutStopsStartup() {
		FailureAnalysis analysis = StartupFailureAnalysis
			.of(this.contextRunner.withPropertyValues("pool.shutdown.timeout=0"));
		assertThat(analysis.getDescription()).contains("Invalid value '0' for configuration property 'pool.shutdown.timeout'")
			.contains("must be positive");
	}

	@Test
	void shortestPositiveTimeoutStarts() {
		this.contextRunner.withPropertyValues("pool.shutdown.timeout=1ms")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ShutdownTimeline.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka-listeners-timeout", "kafka-producers-timeout", "redis-timeout", "postgres-timeout" })
	void stepTimeoutThatLeavesTheStepNoTimeStopsStartup(String key) {
		for (String value : new String[] { "0", "-5s" }) {
			FailureAnalysis analysis = StartupFailureAnalysis
				.of(this.contextRunner.withPropertyValues("pool.shutdown." + key + "=" + value));
			assertThat(analysis.getDescription())
				.contains("Invalid value '" + value + "' for configuration property 'pool.shutdown." + key + "'")
				.contains("must be positive")
				.contains("such as 5s, or leave pool.shutdown." + key + " unset");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka-listeners-timeout", "kafka-producers-timeout", "redis-timeout", "postgres-timeout" })
	void shortestPositiveStepTimeoutStarts(String key) {
		this.contextRunner.withPropertyValues("pool.shutdown." + key + "=1ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void negativeReadinessDelayStopsStartup() {
		FailureAnalysis analysis = StartupFailureAnalysis
			.of(this.contextRunner.withPropertyValues("pool.shutdown.readiness-delay=-1s"));
		assertThat(analysis.getDescription())
			.contains("Invalid value '-1s' for configuration property 'pool.shutdown.readiness-delay'")
			.contains("Use 0 (no delay, the default)");
	}

	@Test
	void readinessDelayThatUsesUpTheTimeoutStopsStartup() {
		FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner
			.withPropertyValues("pool.shutdown.timeout=200ms", "pool.shutdown.readiness-delay=200ms"));
		assertThat(analysis.getDescription())
			.contains("Invalid value '200ms' for configuration property 'pool.shutdown.readiness-delay'")
			.contains("uses up pool.shutdown.timeout=200ms")
			.contains("such as 100ms")
			.contains("or raise pool.shutdown.timeout above 200ms");
	}

	@Test
	void readinessDelayBelowTheTimeoutStarts() {
		this.contextRunner.withPropertyValues("pool.shutdown.timeout=200ms", "pool.shutdown.readiness-delay=199ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static PropertySource<?> load(String resource) {
		try {
			return new PropertiesPropertySourceLoader().load(resource, new ClassPathResource(resource)).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
