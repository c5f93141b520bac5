package dev.poolstarter.shutdown;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.SmartLifecycle;

/**
 * One step of the ordered shutdown: a {@link SmartLifecycle} that does nothing on start
 * and its work, once, when the context closes. A plain stop of the context (or a
 * checkpoint) is not a shutdown and does nothing. Safe to stop twice, and on a context
 * that never started.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public abstract class ShutdownStep implements SmartLifecycle {

	private final int phase;

	private final ShutdownTimeline timeline;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * Create a step.
	 * @param phase the phase it runs in
	 * @param timeline the shutdown's timeline, which knows whether the context closes
	 */
	protected ShutdownStep(int phase, ShutdownTimeline timeline) {
		this.phase = phase;
		this.timeline = timeline;
	}

	@Override
	public void start() {
		this.running.set(true);
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false) && this.timeline.isClosing()) {
			run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running.get();
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Return the shutdown's timeline.
	 * @return the timeline
	 */
	protected ShutdownTimeline timeline() {
		return this.timeline;
	}

	/**
	 * Do the step's work, within its own time limit.
	 */
	protected abstract void run();

}
