package dev.poolstarter.postgres.adaptive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of adaptive sizing: the size the pool should have, its share of the fleet
 * budget, and every change by direction and cause.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class AdaptivePoolMetrics implements MeterBinder {

	private final AdaptivePoolController controller;

	private final Tags tags;

	/**
	 * Create the meters of one pool.
	 * @param controller the pool's controller
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public AdaptivePoolMetrics(AdaptivePoolController controller, Tags tags) {
		this.controller = controller;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		AdaptiveSizer sizer = this.controller.getSizer();
		Gauge.builder("pool.size.target", sizer, AdaptiveSizer::target)
			.description("Maximum pool size that adaptive sizing set")
			.baseUnit("connections")
			.tags(this.tags)
			.register(registry);
		Gauge.builder("pool.size.share", sizer, (owner) -> share(owner.share()))
			.description("This instance's fair share of the fleet budget among the live instances")
			.baseUnit("connections")
			.tags(this.tags)
			.register(registry);
		for (AdaptiveSizer.Cause cause : AdaptiveSizer.Cause.values()) {
			counter(registry, (cause == AdaptiveSizer.Cause.DEMAND) ? "grow" : "shrink", cause);
		}
		this.controller.onResize((resize) -> counter(registry, resize.direction(), resize.cause()).increment());
	}

	private Counter counter(MeterRegistry registry, String direction, AdaptiveSizer.Cause cause) {
		return Counter.builder("pool.resizes")
			.description("Changes of the maximum pool size by adaptive sizing")
			.tags(this.tags)
			.tag("direction", direction)
			.tag("cause", cause.name().toLowerCase())
			.register(registry);
	}

	private static double share(AdaptiveSizingPolicy.@Nullable Share share) {
		return (share != null) ? share.fair() : Double.NaN;
	}

}
