package dev.poolstarter.postgres.retry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the reads run again after their connection failed under them.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadRetryMetrics implements MeterBinder {

	private final ReadRetries retries;

	private final Tags tags;

	/**
	 * Create the meters.
	 * @param retries the reads run again
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public ReadRetryMetrics(ReadRetries retries, Tags tags) {
		this.retries = retries;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("pool.reads.retried", this.retries, ReadRetries::succeeded)
			.description("Reads whose connection failed under them, run again on a fresh connection, by outcome")
			.tags(this.tags)
			.tag("outcome", "succeeded")
			.register(registry);
		FunctionCounter.builder("pool.reads.retried", this.retries, ReadRetries::failed)
			.description("Reads whose connection failed under them, run again on a fresh connection, by outcome")
			.tags(this.tags)
			.tag("outcome", "failed")
			.register(registry);
	}

}
