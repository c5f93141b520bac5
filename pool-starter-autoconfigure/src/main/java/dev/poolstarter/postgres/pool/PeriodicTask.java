package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A task a pool runs on a daemon thread of its own at a fixed delay, for the pool's
 * lifecycle beans: started and stopped with the context, closed for good with the pool.
 * A failing run is logged and the next one still runs.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class PeriodicTask {

	private final ScheduledExecutorService executor;

	private final Runnable task;

	private volatile @Nullable ScheduledFuture<?> schedule;

	/**
	 * Create a task, not yet running.
	 * @param threadName the name of its thread
	 * @param onThread called with the thread once it is made
	 * @param task what to run
	 * @param logger where a failing run is logged
	 * @param failure the message of a failing run
	 */
	public PeriodicTask(String threadName, Consumer<Thread> onThread, Runnable task, Log logger,
			Supplier<String> failure) {
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			onThread.accept(thread);
			return thread;
		});
		this.task = () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				// an escaping exception would cancel the schedule
				logger.warn(failure.get(), ex);
			}
		};
	}

	/**
	 * Run the task every period, counted from the end of one run to the start of the
	 * next, the first time one period from now, unless it runs already.
	 * @param period time between two runs
	 */
	public void startWithFixedDelay(Duration period) {
		if (this.schedule == null) {
			long millis = Math.max(1, period.toMillis());
			this.schedule = this.executor.scheduleWithFixedDelay(this.task, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Run the task every period, counted from the start of one run to the start of the
	 * next, the first time one period from now, unless it runs already.
	 * @param period time between two runs
	 */
	public void startAtFixedRate(Duration period) {
		if (this.schedule == null) {
			long millis = Math.max(1, period.toMillis());
			this.schedule = this.executor.scheduleAtFixedRate(this.task, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stop running the task; a run under way ends first.
	 */
	public void stop() {
		ScheduledFuture<?> running = this.schedule;
		if (running != null) {
			running.cancel(false);
			this.schedule = null;
		}
	}

	/**
	 * Return whether the task runs.
	 * @return whether it is scheduled
	 */
	public boolean isRunning() {
		return this.schedule != null;
	}

	/**
	 * Stop for good and end the thread.
	 */
	public void close() {
		stop();
		this.executor.shutdownNow();
	}

}
