package dev.poolstarter.postgres.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Asks something slow (a server's activity, PgBouncer's console) on a thread of its own:
 * one sample at a time, shared by concurrent callers, taken on a schedule, reused while
 * fresh, and waited for at most a timeout, so that a health check never queues behind a
 * server that does not answer.
 *
 * @param <V> the view a sample gives
 * @author pool-starter
 */
public final class BoundedSampler<V extends BoundedSampler.View> implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BoundedSampler.class);

	private final String description;

	private final Supplier<V> sample;

	private final Supplier<V> latest;

	private final StaleView<V> stale;

	private final Duration timeout;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private @Nullable Future<V> inFlight;

	/**
	 * Create a sampler.
	 * @param description what is sampled, which names the thread and log messages
	 * @param sample takes a sample and keeps it as the latest view; a server that does
	 * not answer is a view, not an exception
	 * @param latest the latest view
	 * @param stale the latest view's figures marked stale, for a sample that came too late
	 * or failed
	 * @param timeout longest wait for a sample
	 * @param clock the clock
	 */
	public BoundedSampler(String description, Supplier<V> sample, Supplier<V> latest, StaleView<V> stale, Duration timeout,
			Clock clock) {
		this.description = description;
		this.sample = sample;
		this.latest = latest;
		this.stale = stale;
		this.timeout = timeout;
		this.clock = clock;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, description);
			thread.setDaemon(true);
			return thread;
		});
	}

	public void startSampling(Duration interval) {
		this.executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return a view no older than the given age, sampling if needed and waiting at most
	 * the timeout; past it, the latest figures are returned marked stale.
	 * @param maxAge the oldest sample that may be reused
	 * @return the view
	 */
	public V current(Duration maxAge) {
		V latest = this.latest.get();
		Duration age = latest.age(this.clock.instant());
		if (!latest.stale() && age != null && age.compareTo(maxAge) <= 0) {
			return latest;
		}
		Future<V> sample = sampleInFlight();
		try {
			return sample.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the sample still runs: keep what the last attempt knew, so that a server that
			// drops packets turns unreachable once that attempt fails
			return this.stale.of(false, "no answer within " + this.timeout.toMillis() + " ms", this.clock.instant());
		}
		catch (ExecutionException ex) {
			return this.stale.of(true, String.valueOf(ex.getCause()), this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.latest.get();
		}
	}

	private synchronized Future<V> sampleInFlight() {
		Future<V> inFlight = this.inFlight;
		if (inFlight == null || inFlight.isDone()) {
			inFlight = this.executor.submit(this.sample::get);
			this.inFlight = inFlight;
		}
		return inFlight;
	}

	/**
	 * Runs on the sampler's own thread, so it samples directly: waiting for a task queued
	 * behind itself would never end.
	 */
	private void sampleQuietly() {
		try {
			this.sample.get();
		}
		catch (RuntimeException ex) {
			// an escaping exception would cancel the schedule
			logger.debug(this.description + ": sample failed", ex);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * A sampled view: how old it is, and whether it is known to be out of date.
	 */
	public interface View {

		@Nullable Duration age(Instant now);

		boolean stale();

	}

	/**
	 * Makes the latest view's figures into a stale view.
	 *
	 * @param <V> the view
	 */
	@FunctionalInterface
	public interface StaleView<V> {

		/**
		 * Return the latest figures marked stale.
		 * @param failed whether the sample failed rather than came too late; a failed
		 * sample makes the source unreachable
		 * @param reason why there is no fresh sample
		 * @param at when that was found
		 * @return the stale view
		 */
		V of(boolean failed, String reason, Instant at);

	}

}
