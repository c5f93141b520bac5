package dev.poolstarter.postgres.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.postgres.pool.PoolExhaustedException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DatabaseUnavailableExceptionResolver}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnavailableExceptionResolverTests {

	private final DatabaseUnavailableExceptionResolver resolver = new DatabaseUnavailableExceptionResolver();

	private MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void answersAnExhaustedPoolWith503AndRetryAfterThePoolTimeout() {
		assertThat(resolve(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				exhausted(Duration.ofMillis(2500))))).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("3");
		assertThat(this.response.getErrorMessage()).contains("Pool 'primary' is exhausted");
	}

	@Test
	void answersABorrowTheCircuitBreakerFailedWithRetryAfterTheTimeItStaysOpen() {
		assertThat(resolve(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				PoolExhaustedException.circuitOpen("primary", "the database did not answer", Duration.ofMillis(4200)))))
			.isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(this.response.getErrorMessage())
			.contains("Pool 'primary' lends no connection for now: the database did not answer");
	}

	@Test
	void findsTheExhaustedPoolBehindTransactionExceptions() {
		assertThat(resolve(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new CannotGetJdbcConnectionException("x", exhausted(Duration.ofMillis(300)))))).isTrue();
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void logsOneLinePerIntervalNotOnePer503(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			resolve(exhausted(Duration.ofMillis(500)));
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains("HTTP 503 for GET /api/listings")))
			.singleElement()
			.asString()
			.contains("Pool 'primary' is exhausted: no connection came free within 500 ms");
	}

	@Test
	void logsANewCauseAtOnceWithinTheIntervalOfAnother(CapturedOutput output) {
		resolve(exhausted(Duration.ofMillis(500)));
		resolve(new CannotGetJdbcConnectionException("x", new SQLException("FATAL: terminating connection", "57P01")));
		resolve(new CannotGetJdbcConnectionException("x", new SQLException("FATAL: terminating connection", "57P01")));
		assertThat(output.getOut().lines().filter((line) -> line.contains("HTTP 503 for GET /api/listings"))).hasSize(2)
			.anyMatch((line) -> line.contains("is exhausted"))
			.anyMatch((line) -> line.endsWith("the database connection failed under the request: "
					+ "FATAL: terminating connection (SQL state 57P01)"));
	}

	@Test
	void answersAConnectionFailureWith503AndRetryAfterOneSecond() {
		assertThat(resolve(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void findsTheFailureBehindARollbackThatFailedOnTheSameBrokenConnection() {
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new SQLException("FATAL: terminating connection", "57P01"));
		assertThat(resolve(rollbackFailed)).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(503);
	}

	@Test
	void leavesOtherFailuresAlone() {
		assertThat(resolve(new IllegalStateException("something else"))).isFalse();
		assertThat(resolve(new CannotGetJdbcConnectionException("x", new SQLException("syntax error", "42601"))))
			.isFalse();
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	private boolean resolve(Exception ex) {
		this.response = new MockHttpServletResponse();
		return this.resolver.resolveException(new MockHttpServletRequest("GET", "/api/listings"), this.response,
				null, ex) != null;
	}

	private static PoolExhaustedException exhausted(Duration timeout) {
		return new PoolExhaustedException("primary", timeout, "total=5, active=5, idle=0, waiting=3", null,
				new SQLTransientConnectionException("primary - Connection is not available, request timed out"));
	}

}
