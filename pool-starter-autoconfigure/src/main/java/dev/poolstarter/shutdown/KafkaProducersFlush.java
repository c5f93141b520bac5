package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Flushes and closes the Kafka producers once the listeners have stopped, so that records
 * they sent while finishing their work reach the brokers. Each producer's close is
 * bounded by its factory's physical close timeout.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaProducersFlush extends ShutdownStep {

	private final List<DefaultKafkaProducerFactory<?, ?>> factories;

	private final ShutdownTimeline timeline;

	private final @Nullable Duration stepTimeout;

	/**
	 * Create the step.
	 * @param factories the producer factories
	 * @param timeline the timeline
	 * @param stepTimeout the step's own limit, or {@code null} for what is left
	 */
	public KafkaProducersFlush(List<DefaultKafkaProducerFactory<?, ?>> factories, ShutdownTimeline timeline,
			@Nullable Duration stepTimeout) {
		super(ShutdownPhases.KAFKA_PRODUCERS, timeline);
		this.factories = factories;
		this.timeline = timeline;
		this.stepTimeout = stepTimeout;
	}

	@Override
	protected void run() {
		long start = System.nanoTime();
		Duration limit = this.timeline.budget(this.stepTimeout);
		for (DefaultKafkaProducerFactory<?, ?> factory : this.factories) {
			Duration left = limit.minus(Duration.ofNanos(System.nanoTime() - start));
			Duration own = factory.getPhysicalCloseTimeout();
			// close waits for buffered sends up to the factory's timeout, in whole seconds; never
			// round down to 0, which would drop them
			long seconds = Math.max(1, (Math.min(left.toMillis(), own.toMillis()) + 999) / 1000);
			factory.setPhysicalCloseTimeout((int) seconds);
			try {
				factory.reset();
			}
			finally {
				factory.setPhysicalCloseTimeout((int) own.toSeconds());
			}
		}
		this.timeline.record("kafka producers", "flushed and closed " + this.factories.size() + " factory(ies)",
				Duration.ofNanos(System.nanoTime() - start));
	}

}
