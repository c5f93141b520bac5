package dev.poolstarter.postgres.web;

import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.PoolExhaustedException;
import dev.poolstarter.postgres.pool.SqlStates;

import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request that failed because the database was unavailable with HTTP 503 and
 * {@code Retry-After} instead of a 500 and a stack trace: the pool was exhausted or could
 * not connect ({@link PoolExhaustedException}), or the connection failed under the
 * request (SQL state {@code 08xxx}, {@code 57P01} to {@code 57P03}, {@code 53300}: a
 * restart, {@code pg_terminate_backend}, a full server). These are transient conditions
 * of the server, not bugs of the application. The database exception is found whatever
 * wrapped it on the way (Spring's {@code DataAccessException} translations, a transaction
 * or JPA exception). It runs after Spring MVC's own resolvers, so the application's
 * {@code @ExceptionHandler} methods win. One log line per interval says what happened.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class DatabaseUnavailableExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(DatabaseUnavailableExceptionResolver.class);

	// one line per cause and interval: an unavailable database fails many requests at
	// once, and a log line each would add I/O exactly when the service is short of capacity
	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final long CONNECTION_FAILURE_RETRY_AFTER_SECONDS = 1;

	private final Map<Cause, AtomicLong> nextLogAt = new EnumMap<>(Cause.class);

	private final Map<Cause, AtomicLong> unlogged = new EnumMap<>(Cause.class);

	/**
	 * Create a resolver.
	 */
	public DatabaseUnavailableExceptionResolver() {
		for (Cause cause : Cause.values()) {
			this.nextLogAt.put(cause, new AtomicLong(System.nanoTime()));
			this.unlogged.put(cause, new AtomicLong());
		}
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		Unavailable unavailable = find(ex);
		if (unavailable == null || response.isCommitted()) {
			return null;
		}
		log(request, unavailable);
		response.setHeader("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
		try {
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, unavailable.reason());
		}
		catch (IOException sendFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private void log(HttpServletRequest request, Unavailable unavailable) {
		AtomicLong nextLogAt = this.nextLogAt.get(unavailable.cause());
		long now = System.nanoTime();
		long next = nextLogAt.get();
		if (now - next < 0 || !nextLogAt.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			this.unlogged.get(unavailable.cause()).incrementAndGet();
			return;
		}
		long others = this.unlogged.get(unavailable.cause()).getAndSet(0);
		logger.warn("HTTP 503 for " + request.getMethod() + " " + request.getRequestURI() + ": " + unavailable.reason()
				+ ((others > 0) ? " (and " + others + " more 503s since the last report)" : ""));
	}

	private static @Nullable Unavailable find(Throwable ex) {
		Throwable failure = applicationFailure(ex);
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof PoolExhaustedException exhausted) {
				long seconds = Math.max(1, (exhausted.getRetryAfter().toMillis() + 999) / 1000);
				return new Unavailable(exhausted.isDatabaseUnavailable() ? Cause.NO_CONNECTION : Cause.EXHAUSTED,
						String.valueOf(exhausted.getMessage()), seconds);
			}
		}
		SQLException connectionFailure = SqlStates.findConnectionFailure(failure);
		if (connectionFailure != null) {
			return new Unavailable(Cause.CONNECTION_FAILED, "the database connection failed under the request: "
					+ connectionFailure.getMessage() + " (SQL state " + connectionFailure.getSQLState() + ")",
					CONNECTION_FAILURE_RETRY_AFTER_SECONDS);
		}
		return null;
	}

	/**
	 * Return what failed first: a rollback on a connection the server ended fails too, and
	 * the transaction's exception then carries the original failure beside its cause.
	 */
	private static Throwable applicationFailure(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof TransactionSystemException transaction
					&& transaction.getApplicationException() != null) {
				return transaction.getApplicationException();
			}
		}
		return ex;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private record Unavailable(Cause cause, String reason, long retryAfterSeconds) {
	}

	/**
	 * Each cause is logged once per interval, so that a new cause shows at once.
	 */
	private enum Cause {

		EXHAUSTED, NO_CONNECTION, CONNECTION_FAILED

	}

}
