package dev.poolstarter.autoconfigure.web;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.poolstarter.jdbc.PoolExhaustedException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolExhaustedExceptionResolver}.
 */
class PoolExhaustedExceptionResolverTests {

	private final PoolExhaustedExceptionResolver resolver = new PoolExhaustedExceptionResolver();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void answersAnExhaustedPoolWith503AndRetryAfterThePoolTimeout() {
		assertThat(resolve(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				exhausted(Duration.ofMillis(2500))))).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("3");
		assertThat(this.response.getErrorMessage()).contains("Pool 'primary' is exhausted");
	}

	@Test
	void findsTheExhaustedPoolBehindTransactionExceptions() {
		assertThat(resolve(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new CannotGetJdbcConnectionException("x", exhausted(Duration.ofMillis(300)))))).isTrue();
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void leavesOtherFailuresAlone() {
		assertThat(resolve(new IllegalStateException("something else"))).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	private boolean resolve(Exception ex) {
		return this.resolver.resolveException(new MockHttpServletRequest(), this.response, null, ex) != null;
	}

	private static PoolExhaustedException exhausted(Duration timeout) {
		return new PoolExhaustedException("primary", timeout, "total=5, active=5, idle=0, waiting=3",
				new SQLTransientConnectionException("primary - Connection is not available, request timed out"));
	}

}
