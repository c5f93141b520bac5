package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Times a shutdown step that someone else performs, such as Spring Boot's web drain or
 * Spring Kafka's container stop, with a marker just above its phase and one just below.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PhaseTimer {

	private final ShutdownTimeline timeline;

	private final String step;

	private final Supplier<String> outcome;

	private volatile long startNanos;

	private volatile String outcomeAtStart = "";

	/**
	 * Create a timer.
	 * @param timeline the timeline to record on
	 * @param step the step's name
	 * @param outcome what the step is about to do, asked just before it runs
	 */
	public PhaseTimer(ShutdownTimeline timeline, String step, Supplier<String> outcome) {
		this.timeline = timeline;
		this.step = step;
		this.outcome = outcome;
	}

	/**
	 * Return the marker that runs just before the step.
	 * @param phase a phase just above the step's
	 * @return the marker
	 */
	public ShutdownStep before(int phase) {
		return new ShutdownStep(phase, this.timeline) {

			@Override
			protected void run() {
				PhaseTimer.this.outcomeAtStart = PhaseTimer.this.outcome.get();
				PhaseTimer.this.startNanos = System.nanoTime();
			}

		};
	}

	/**
	 * Return the marker that runs just after the step.
	 * @param phase a phase just below the step's
	 * @return the marker
	 */
	public ShutdownStep after(int phase) {
		return new ShutdownStep(phase, this.timeline) {

			@Override
			protected void run() {
				if (PhaseTimer.this.startNanos != 0) {
					PhaseTimer.this.timeline.record(PhaseTimer.this.step, PhaseTimer.this.outcomeAtStart,
							Duration.ofNanos(System.nanoTime() - PhaseTimer.this.startNanos));
				}
			}

		};
	}

}
