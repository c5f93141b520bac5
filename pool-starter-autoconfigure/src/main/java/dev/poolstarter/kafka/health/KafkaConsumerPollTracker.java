package dev.poolstarter.kafka.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.NonResponsiveConsumerEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Remembers which listener consumers stopped polling. spring-kafka publishes a
 * {@link NonResponsiveConsumerEvent} every monitor interval (30s by default) while a
 * consumer does not poll, so an event older than two intervals means it polls again.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaConsumerPollTracker implements ApplicationListener<NonResponsiveConsumerEvent> {

	private static final Duration FRESH = Duration.ofSeconds(60);

	private final Clock clock;

	private final Map<String, Report> reports = new ConcurrentHashMap<>();

	/**
	 * Create a tracker.
	 * @param clock the clock
	 */
	public KafkaConsumerPollTracker(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(NonResponsiveConsumerEvent event) {
		// a concurrent container's children publish the event; health lists the parents
		MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
		this.reports.put(String.valueOf(container.getListenerId()),
				new Report(this.clock.instant(), Duration.ofMillis(event.getTimeSinceLastPoll())));
	}

	/**
	 * Return how long the listener's consumer has not polled, if it was recently reported.
	 * @param listenerId the listener id
	 * @return the time without a poll, or {@code null} when the consumer polls
	 */
	public @Nullable Duration notPollingFor(String listenerId) {
		Report report = this.reports.get(listenerId);
		if (report == null) {
			return null;
		}
		Duration since = Duration.between(report.reportedAt(), this.clock.instant());
		if (since.compareTo(FRESH) > 0) {
			this.reports.remove(listenerId, report);
			return null;
		}
		return report.sinceLastPoll().plus(since);
	}

	private record Report(Instant reportedAt, Duration sinceLastPoll) {
	}

}
