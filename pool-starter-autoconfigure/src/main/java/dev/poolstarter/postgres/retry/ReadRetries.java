package dev.poolstarter.postgres.retry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.PoolExhaustedException;
import dev.poolstarter.postgres.pool.SqlStates;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Runs a read once more, after a short jittered pause, when the connection failed under
 * it: SQL state {@code 08xxx} or {@code 57P01} to {@code 57P03} (the server went away,
 * ended the session, is shutting down or starting up). The pool drops such a connection,
 * so the second run borrows a fresh one. A borrow that timed out or that a circuit breaker
 * failed is not run again: another wait would not help. Spring Framework's
 * {@link RetryTemplate} runs the attempts.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadRetries {

	private static final Log logger = LogFactory.getLog(ReadRetries.class);

	private final RetryTemplate template;

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	/**
	 * Create an instance.
	 * @param pause the pause before the second run; a random jitter of as much again is
	 * added
	 */
	public ReadRetries(Duration pause) {
		this.template = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(1)
			.delay(pause)
			.jitter(pause)
			.predicate(ReadRetries::isRetryable)
			.build());
	}

	/**
	 * Return whether a failure is one of the connection that another connection may not
	 * have.
	 * @param ex the failure
	 * @return whether a read that failed so may run again
	 */
	public static boolean isRetryable(Throwable ex) {
		if (ex instanceof Unsafe) {
			return false;
		}
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof PoolExhaustedException) {
				return false;
			}
		}
		SQLException failure = SqlStates.findConnectionFailure(ex);
		return failure != null && !"53300".equals(failure.getSQLState());
	}

	/**
	 * Run a read, and once more if its connection failed under it and the read says it
	 * is safe to.
	 * @param <T> the result type
	 * @param description what runs, for the log
	 * @param read the read
	 * @return the result
	 * @throws Throwable what the last run threw
	 */
	public <T extends @Nullable Object> T run(String description, Read<T> read) throws Throwable {
		boolean[] retried = new boolean[1];
		try {
			T result = this.template.execute(new Retryable<T>() {

				@Override
				public T execute() throws Throwable {
					try {
						return read.run();
					}
					catch (Throwable ex) {
						if (isRetryable(ex) && !read.isSafeToRepeat()) {
							throw new Unsafe(ex);
						}
						if (isRetryable(ex) && !retried[0]) {
							retried[0] = true;
							if (logger.isDebugEnabled()) {
								logger.debug("Running " + description + " again on a fresh connection: "
										+ SqlStates.findConnectionFailure(ex));
							}
						}
						throw ex;
					}
				}

				@Override
				public String getName() {
					return description;
				}

			});
			if (retried[0]) {
				this.succeeded.increment();
			}
			return result;
		}
		catch (RetryException ex) {
			Throwable cause = ex.getCause();
			if (retried[0] && ex.getSuppressed().length > 0) {
				this.failed.increment();
			}
			throw (cause instanceof Unsafe unsafe) ? unsafe.getCause() : cause;
		}
	}

	/**
	 * Return the reads that failed on their connection and succeeded when run again.
	 * @return the count
	 */
	public long succeeded() {
		return this.succeeded.sum();
	}

	/**
	 * Return the reads that failed on their connection, and again when run again.
	 * @return the count
	 */
	public long failed() {
		return this.failed.sum();
	}

	/**
	 * A read to run.
	 *
	 * @param <T> the result type
	 */
	public interface Read<T extends @Nullable Object> {

		/**
		 * Run the read.
		 * @return the result
		 * @throws Throwable what it threw
		 */
		T run() throws Throwable;

		/**
		 * Return whether the read that just failed may run again: it returned no row and
		 * wrote nothing.
		 * @return whether it is safe to repeat
		 */
		default boolean isSafeToRepeat() {
			return true;
		}

	}

	/**
	 * A connection failure under a read that must not run again.
	 */
	private static final class Unsafe extends RuntimeException {

		Unsafe(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
