package dev.poolstarter.postgres.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgresPoolMetrics}.
 */
class PostgresPoolMetricsTests {

	@Test
	void longBorrowsTimerTakesTheProdProfilesMinuteThreshold() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		Timer timer = PostgresPoolMetrics.longBorrowsTimer(registry, Duration.ofSeconds(60), Tags.of("pool", "primary"));
		timer.record(Duration.ofMinutes(7));
		assertThat(registry.scrape()).contains("pool_connections_long_borrows_seconds_count{pool=\"primary\"} 1")
			.contains("pool_connections_long_borrows_seconds_bucket{pool=\"primary\",le=\"+Inf\"} 1");
	}

	@Test
	void longBorrowsTimerTakesAThresholdAboveAnHour() {
		Timer timer = PostgresPoolMetrics.longBorrowsTimer(new SimpleMeterRegistry(), Duration.ofHours(2), Tags.empty());
		timer.record(Duration.ofHours(3));
		assertThat(timer.count()).isEqualTo(1);
	}

}
