package dev.poolstarter.shutdown;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.SmartLifecycle;

/**
 * One step of the ordered shutdown: a {@link SmartLifecycle} that does nothing on start
 * and its work, once, on stop. Safe to stop twice, and on a context that never started.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public abstract class ShutdownStep implements SmartLifecycle {

	private final int phase;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * Create a step.
	 * @param phase the phase it runs in
	 */
	protected ShutdownStep(int phase) {
		this.phase = phase;
	}

	@Override
	public void start() {
		this.running.set(true);
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false)) {
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
	 * Do the step's work, within its own time limit.
	 */
	protected abstract void run();

}
