package dev.poolstarter.postgres.adaptive;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The pace and limits of adaptive sizing, as {@code pool.postgres.adaptive.*} sets them.
 *
 * @param interval time between two samples
 * @param minConnections smallest maximum pool size
 * @param step connections added or removed by one change
 * @param growAfter consecutive samples with threads waiting before the pool grows
 * @param shrinkAfter consecutive samples with a step of idle connections before it shrinks
 * @param coolDown time after a change during which demand and idleness change nothing
 * @param serverUtilizationLimit server utilization at or above which the pool does not
 * grow
 * @author pool-starter
 * @since 0.1.0
 */
public record AdaptiveRequest(Duration interval, int minConnections, int step, int growAfter, int shrinkAfter,
		Duration coolDown, double serverUtilizationLimit) {

	private static final String PREFIX = "pool.postgres.adaptive.";

	/**
	 * Check the values.
	 * @throws InvalidConfigurationPropertyValueException when one is out of range
	 */
	public void validate() {
		positive("interval", this.interval);
		atLeastOne("min-connections", this.minConnections);
		atLeastOne("step", this.step);
		atLeastOne("grow-after", this.growAfter);
		atLeastOne("shrink-after", this.shrinkAfter);
		if (this.coolDown.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "cool-down", this.coolDown,
					"must be 0 or more");
		}
		if (this.serverUtilizationLimit <= 0 || this.serverUtilizationLimit > 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "server-utilization-limit",
					this.serverUtilizationLimit, "must be a share above 0 and at most 1, such as 0.8");
		}
	}

	private static void positive(String key, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, value, "must be positive, such as 5s");
		}
	}

	private static void atLeastOne(String key, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, value, "must be 1 or more");
		}
	}

}
