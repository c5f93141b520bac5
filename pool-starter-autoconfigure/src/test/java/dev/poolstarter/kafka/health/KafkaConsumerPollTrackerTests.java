package dev.poolstarter.kafka.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.NonResponsiveConsumerEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaConsumerPollTracker}.
 */
class KafkaConsumerPollTrackerTests {

	private Instant now = Instant.parse("2026-11-25T00:00:00Z");

	private final KafkaConsumerPollTracker tracker = new KafkaConsumerPollTracker(
			new Clock() {

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return KafkaConsumerPollTrackerTests.this.now;
				}

			});

	@Test
	void reportsAConsumerThatStoppedPolling() {
		this.tracker.onApplicationEvent(event("orders", Duration.ofSeconds(40)));
		this.now = this.now.plusSeconds(5);
		assertThat(this.tracker.notPollingFor("orders")).isEqualTo(Duration.ofSeconds(45));
		assertThat(this.tracker.notPollingFor("payments")).isNull();
	}

	@Test
	void forgetsAReportOlderThanTwoMonitorIntervals() {
		this.tracker.onApplicationEvent(event("orders", Duration.ofSeconds(40)));
		this.now = this.now.plusSeconds(61);
		assertThat(this.tracker.notPollingFor("orders")).isNull();
	}

	private static NonResponsiveConsumerEvent event(String listenerId, Duration sinceLastPoll) {
		ContainerProperties properties = new ContainerProperties("topic");
		ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), properties);
		container.setBeanName(listenerId);
		return new NonResponsiveConsumerEvent(container, container, sinceLastPoll.toMillis(), listenerId + "-0",
				List.of(), null);
	}

}
