package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * What each shutdown step did and how long it took, against one overall deadline, logged
 * as one summary line at the end.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ShutdownTimeline implements ApplicationListener<ContextClosedEvent> {

	private static final Log logger = LogFactory.getLog(ShutdownTimeline.class);

	private final Duration timeout;

	private final List<String> steps = new ArrayList<>();

	private volatile long startNanos;

	private volatile boolean closing;

	private final Object lock = new Object();

	/**
	 * Create a timeline.
	 * @param timeout longest time the whole shutdown may take
	 */
	public ShutdownTimeline(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Start the clock when the context starts closing, before any lifecycle stops: the
	 * whole shutdown counts against the timeout.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		synchronized (this.lock) {
			this.closing = true;
			this.startNanos = System.nanoTime();
			this.steps.clear();
		}
	}

	/**
	 * Whether the context is closing, rather than merely stopping.
	 * @return whether this is a shutdown
	 */
	public boolean isClosing() {
		return this.closing;
	}

	/**
	 * Start the clock if the closed event was not seen, as when the timeline is used
	 * without a context.
	 */
	public void begin() {
		synchronized (this.lock) {
			if (this.startNanos == 0) {
				this.startNanos = System.nanoTime();
			}
			this.closing = true;
		}
	}

	/**
	 * Return the time a step may take: its own limit, if any, and never past the overall
	 * deadline.
	 * @param stepTimeout the step's own limit, or {@code null}
	 * @return the time the step may take, zero when the deadline has passed
	 */
	public Duration budget(@Nullable Duration stepTimeout) {
		begin();
		Duration left = this.timeout.minus(Duration.ofNanos(System.nanoTime() - this.startNanos));
		if (left.isNegative()) {
			left = Duration.ZERO;
		}
		return (stepTimeout != null && stepTimeout.compareTo(left) < 0) ? stepTimeout : left;
	}

	/**
	 * Record what a step did.
	 * @param step the step, such as {@code postgres 'primary'}
	 * @param outcome what it did, such as {@code drained 3 connections}
	 * @param took how long it took
	 */
	public void record(String step, String outcome, Duration took) {
		synchronized (this.lock) {
			this.steps.add(step + " " + outcome + " in " + took.toMillis() + " ms");
		}
	}

	/**
	 * Return the summary so far.
	 * @return the summary line
	 */
	public String summary() {
		synchronized (this.lock) {
			long total = (this.startNanos != 0) ? Duration.ofNanos(System.nanoTime() - this.startNanos).toMillis() : 0;
			return "Shutdown in " + total + " ms (limit " + this.timeout.toMillis() + " ms): "
					+ (this.steps.isEmpty() ? "nothing to drain" : String.join("; ", this.steps));
		}
	}

	/**
	 * Log the summary line.
	 */
	public void logSummary() {
		logger.info(summary());
	}

}
