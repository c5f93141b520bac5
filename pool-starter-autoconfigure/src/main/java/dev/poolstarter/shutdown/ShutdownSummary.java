package dev.poolstarter.shutdown;

/**
 * Logs the one summary line of the shutdown, after every other step.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ShutdownSummary extends ShutdownStep {

	private final ShutdownTimeline timeline;

	/**
	 * Create the step.
	 * @param timeline the timeline
	 */
	public ShutdownSummary(ShutdownTimeline timeline) {
		super(ShutdownPhases.SUMMARY, timeline);
		this.timeline = timeline;
	}

	@Override
	protected void run() {
		this.timeline.logSummary();
	}

}
