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
		super(ShutdownPhases.KAFKA_PRODUCERS);
		this.factories = factories;
		this.timeline = timeline;
		this.stepTimeout = stepTimeout;
	}

	@Override
	protected void run() {
		long start = System.nanoTime();
		Duration limit = this.timeline.budget(this.stepTimeout);
		for (DefaultKafkaProducerFactory<?, ?> factory : this.factories) {
			// close waits for in-flight sends up to the factory's own timeout: keep it within the step's
			factory.setPhysicalCloseTimeout((int) Math.max(0, Math.min(limit.toSeconds(),
					factory.getPhysicalCloseTimeout().toSeconds())));
			factory.reset();
		}
		this.timeline.record("kafka producers", "flushed and closed " + this.factories.size() + " factory(ies)",
				Duration.ofNanos(System.nanoTime() - start));
	}

}
