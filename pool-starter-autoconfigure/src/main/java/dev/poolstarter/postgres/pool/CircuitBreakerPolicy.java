package dev.poolstarter.postgres.pool;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * When a pool stops making callers wait for a database that is out of reach, as
 * {@code pool.postgres.circuit-breaker.*} sets it.
 *
 * @param failures borrows in a row that waited the whole pool timeout because the
 * database did not answer, after which borrows fail at once
 * @param openFor how long borrows fail at once before one is let through to try
 * @author pool-starter
 * @since 0.1.0
 */
public record CircuitBreakerPolicy(int failures, Duration openFor) {

	private static final String PREFIX = "pool.postgres.circuit-breaker.";

	/**
	 * Check the values.
	 * @return this policy
	 * @throws InvalidConfigurationPropertyValueException when one is out of range
	 */
	public CircuitBreakerPolicy validate() {
		if (this.failures < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "failures", this.failures,
					"must be 1 or more, such as 3");
		}
		if (this.openFor.isNegative() || this.openFor.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "open-for", this.openFor,
					"must be positive, such as 2s");
		}
		return this;
	}

}
