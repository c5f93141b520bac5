package dev.poolstarter.redis;

import java.time.Duration;

import io.lettuce.core.resource.Delay;

/**
 * Reconnect backoff that grows by one step per attempt up to a ceiling, {@code min(attempt
 * x step, max)}, as the hand-written guides configure their clients: quick first retries
 * after a failover, and never Lettuce's 30s exponential ceiling.
 *
 * @author pool-starter
 */
public class LinearReconnectDelay extends Delay {

	private final Duration step;

	private final Duration max;

	public LinearReconnectDelay(Duration step, Duration max) {
		this.step = step;
		this.max = max;
	}

	@Override
	public Duration createDelay(long attempt) {
		Duration delay = this.step.multipliedBy(Math.max(1, attempt));
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

}
