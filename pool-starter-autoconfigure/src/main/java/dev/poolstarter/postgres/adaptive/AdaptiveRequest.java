package dev.poolstarter.postgres.adaptive;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * How the maximum size of a PostgreSQL pool is managed, and the pace and limits of
 * adaptive sizing, as {@code pool.postgres.sizing} and {@code pool.postgres.adaptive.*}
 * set them.
 *
 * @param mode fixed, adaptive, or adaptive when the size is {@code auto}
 * @param interval the length of a window: the controller judges a size on the figures of
 * a window or two
 * @param minConnections smallest maximum pool size
 * @param probeInterval time between two probes of a smaller size at steady load
 * @param tolerance change of throughput within which two sizes count as equal
 * @param serverUtilizationLimit server utilization at or above which the pool does not
 * grow
 * @author pool-starter
 * @since 0.1.0
 */
public record AdaptiveRequest(SizingMode mode, Duration interval, int minConnections, Duration probeInterval,
		double tolerance, double serverUtilizationLimit) {

	private static final String PREFIX = "pool.postgres.adaptive.";

	/**
	 * Check the values.
	 * @throws InvalidConfigurationPropertyValueException when one is out of range
	 */
	public void validate() {
		positive("interval", this.interval);
		atLeastOne("min-connections", this.minConnections);
		positive("probe-interval", this.probeInterval);
		if (this.probeInterval.compareTo(this.interval.multipliedBy(4)) < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "probe-interval", this.probeInterval,
					"must be at least 4 x pool.postgres.adaptive.interval (" + this.interval
							+ "), so that a probe has windows to be judged on; such as "
							+ this.interval.multipliedBy(20));
		}
		if (this.tolerance <= 0 || this.tolerance >= 0.5) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "tolerance", this.tolerance,
					"must be a share above 0 and below 0.5, such as 0.03");
		}
		if (this.serverUtilizationLimit <= 0 || this.serverUtilizationLimit > 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "server-utilization-limit",
					this.serverUtilizationLimit, "must be a share above 0 and at most 1, such as 0.8");
		}
	}

	/**
	 * Return whether the pool is sized adaptively.
	 * @param autoSized whether its size came from the sizing formula
	 * @return whether it is adaptive
	 */
	public boolean isAdaptive(boolean autoSized) {
		return this.mode == SizingMode.ADAPTIVE || (this.mode == SizingMode.AUTO && autoSized);
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
