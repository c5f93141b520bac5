package dev.poolstarter.autoconfigure.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.jdbc.PoolExhaustedException;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request that failed because the pool was exhausted with HTTP 503 and
 * {@code Retry-After}, whatever wrapped the {@link PoolExhaustedException} on the way
 * (Spring's {@code CannotGetJdbcConnectionException}, a transaction or JPA exception). It
 * runs after Spring MVC's own resolvers, so the application's {@code @ExceptionHandler}
 * methods win.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PoolExhaustedExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(PoolExhaustedExceptionResolver.class);

	// one line per interval: an exhausted pool fails many requests at once, and a log line
	// each would add I/O exactly when the service is short of capacity
	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

	private final AtomicLong unlogged = new AtomicLong();

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		PoolExhaustedException exhausted = find(ex);
		if (exhausted == null || response.isCommitted()) {
			return null;
		}
		log(request, exhausted);
		long seconds = Math.max(1, (exhausted.getPoolTimeout().toMillis() + 999) / 1000);
		response.setHeader("Retry-After", Long.toString(seconds));
		try {
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, exhausted.getMessage());
		}
		catch (IOException sendFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private void log(HttpServletRequest request, PoolExhaustedException exhausted) {
		long now = System.nanoTime();
		long next = this.nextLogAt.get();
		if (now - next < 0 || !this.nextLogAt.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			this.unlogged.incrementAndGet();
			return;
		}
		long others = this.unlogged.getAndSet(0);
		logger.warn("HTTP 503 for " + request.getMethod() + " " + request.getRequestURI() + ": "
				+ exhausted.getMessage() + ((others > 0) ? " (and " + others + " more 503s since the last report)" : ""));
	}

	private static @Nullable PoolExhaustedException find(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof PoolExhaustedException exhausted) {
				return exhausted;
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
