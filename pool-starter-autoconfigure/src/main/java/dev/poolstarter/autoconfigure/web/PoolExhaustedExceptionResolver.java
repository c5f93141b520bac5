package dev.poolstarter.autoconfigure.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		PoolExhaustedException exhausted = find(ex);
		if (exhausted == null || response.isCommitted()) {
			return null;
		}
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
