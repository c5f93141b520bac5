package dev.poolstarter.postgres.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;

/**
 * Meters of a pool's circuit breaker: whether it is open, and the borrows it failed at
 * once.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class CircuitBreakerMetrics implements MeterBinder {

	private final DatabaseCircuitBreaker breaker;

	private final Tags tags;

	/**
	 * Create the meters of one pool's breaker.
	 * @param breaker the breaker
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public CircuitBreakerMetrics(DatabaseCircuitBreaker breaker, Tags tags) {
		this.breaker = breaker;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("pool.circuit.open", this.breaker, (breaker) -> breaker.isClosed() ? 0 : 1)
			.description("Whether borrows with no idle connection fail at once because the database did not answer "
					+ "(1 while the circuit is open or half open)")
			.tags(this.tags)
			.register(registry);
		FunctionCounter.builder("pool.circuit.rejected", this.breaker, DatabaseCircuitBreaker::rejected)
			.description("Borrows that the circuit breaker failed at once")
			.tags(this.tags)
			.register(registry);
	}

}
