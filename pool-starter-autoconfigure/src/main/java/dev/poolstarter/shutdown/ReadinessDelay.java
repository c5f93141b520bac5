package dev.poolstarter.shutdown;

import java.time.Duration;

/**
 * Gives load balancers time to see readiness OUT_OF_SERVICE, which Spring Boot reports as
 * soon as the context starts closing, before the web server stops taking requests.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadinessDelay extends ShutdownStep {

	private final ShutdownTimeline timeline;

	private final Duration delay;

	/**
	 * Create the step.
	 * @param timeline the timeline
	 * @param delay how long to wait
	 */
	public ReadinessDelay(ShutdownTimeline timeline, Duration delay) {
		super(ShutdownPhases.READINESS_DELAY, timeline);
		this.timeline = timeline;
		this.delay = delay;
	}

	@Override
	protected void run() {
		Duration wait = this.timeline.budget(this.delay);
		long start = System.nanoTime();
		Waits.sleep(wait);
		this.timeline.record("readiness", "OUT_OF_SERVICE"
				+ (wait.isZero() ? ", no delay" : ", waited " + wait.toMillis() + " ms for load balancers"),
				Duration.ofNanos(System.nanoTime() - start));
	}

}
