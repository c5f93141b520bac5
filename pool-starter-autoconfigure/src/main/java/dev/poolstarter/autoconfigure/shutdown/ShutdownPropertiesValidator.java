package dev.poolstarter.autoconfigure.shutdown;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.settings.DurationFormat;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Rejects {@code pool.shutdown.*} durations that would leave the shutdown steps no time:
 * each step would then report itself done at once while its work is cut off.
 *
 * @author pool-starter
 */
final class ShutdownPropertiesValidator {

	private static final String PREFIX = "pool.shutdown.";

	private ShutdownPropertiesValidator() {
	}

	static PoolProperties.Shutdown check(PoolProperties.Shutdown shutdown) {
		Duration timeout = shutdown.getTimeout();
		if (!isPositive(timeout)) {
			throw invalid("timeout", timeout, "must be positive: every shutdown step would get 0 ms and report itself done while "
					+ "requests, listeners, records and connections are still in flight. Use a positive duration "
					+ "within the orchestrator's grace period, such as 30s (the default)");
		}
		Duration readinessDelay = shutdown.getReadinessDelay();
		if (readinessDelay.isNegative()) {
			throw invalid("readiness-delay", readinessDelay,
					"must not be negative. Use 0 (no delay, the default) or the time load balancers "
							+ "need to see readiness OUT_OF_SERVICE, such as 5s");
		}
		if (readinessDelay.compareTo(timeout) >= 0) {
			throw invalid("readiness-delay", readinessDelay, "uses up pool.shutdown.timeout="
					+ DurationFormat.format(timeout) + " and leaves the drain steps 0 ms. Use a delay below the "
					+ "timeout, such as " + DurationFormat.format(suggestedDelay(timeout))
					+ ", or raise pool.shutdown.timeout above " + DurationFormat.format(readinessDelay));
		}
		checkStep("kafka-listeners-timeout", shutdown.getKafkaListenersTimeout(),
				"Spring would stop waiting for the listener containers at once and go on while they still run");
		checkStep("kafka-producers-timeout", shutdown.getKafkaProducersTimeout(),
				"the producers would close without flushing, dropping the records they buffer");
		checkStep("redis-timeout", shutdown.getRedisTimeout(),
				"the Redis client would close with commands still pending");
		checkStep("postgres-timeout", shutdown.getPostgresTimeout(),
				"the pools would close while connections are still borrowed, cutting their transactions");
		return shutdown;
	}

	private static void checkStep(String key, @Nullable Duration timeout, String consequence) {
		if (timeout != null && !isPositive(timeout)) {
			throw invalid(key, timeout, "must be positive: " + consequence + ". Use a positive duration such as 5s, or leave "
					+ PREFIX + key + " unset to give the step what is left of pool.shutdown.timeout");
		}
	}

	private static Duration suggestedDelay(Duration timeout) {
		Duration half = timeout.dividedBy(2);
		return (half.compareTo(Duration.ofSeconds(5)) < 0) ? half : Duration.ofSeconds(5);
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static InvalidConfigurationPropertyValueException invalid(String key, Duration value, String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + key, DurationFormat.format(value),
				reason + ".");
	}

}
