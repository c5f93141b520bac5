package dev.poolstarter.postgres.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.poolstarter.postgres.pool.ConnectionAttempts;

/**
 * Meters of a pool's attempts to open connections: failures by reason
 * ({@code pool.connection.attempts.failed}, tag {@code reason}) and the failures in a row
 * since the last attempt that worked ({@code pool.connection.attempts.failing}), which
 * HikariCP does not count.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ConnectionAttemptsMetrics implements MeterBinder {

	private final ConnectionAttempts attempts;

	private final Tags tags;

	/**
	 * Create the meters of one pool's attempts.
	 * @param attempts the attempts
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public ConnectionAttemptsMetrics(ConnectionAttempts attempts, Tags tags) {
		this.attempts = attempts;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ConnectionAttempts.Reason reason : ConnectionAttempts.Reason.values()) {
			FunctionCounter.builder("pool.connection.attempts.failed", this.attempts, (attempts) -> attempts.failures(reason))
				.description("Attempts to open a connection that the server refused or did not answer, by reason")
				.tags(this.tags)
				.tag("reason", reason.tag())
				.register(registry);
		}
		Gauge.builder("pool.connection.attempts.failing", this.attempts, ConnectionAttempts::failuresInARow)
			.description("Attempts to open a connection that failed in a row since the last one that worked")
			.tags(this.tags)
			.register(registry);
	}

}
