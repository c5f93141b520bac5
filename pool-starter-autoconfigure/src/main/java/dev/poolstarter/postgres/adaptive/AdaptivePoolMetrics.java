package dev.poolstarter.postgres.adaptive;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of adaptive sizing: the size the pool should have, its share of the fleet
 * budget, every change by direction and cause, and every probe by direction and outcome.
 * A pool of fixed size has none of them.
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
		KneeFinder finder = this.controller.getFinder();
		if (finder == null) {
			return;
		}
		// no base unit on these two: Prometheus would append _connections to their names
		Gauge.builder("pool.size.target", finder, KneeFinder::limit)
			.description("Maximum pool size that adaptive sizing set")
			.tags(this.tags)
			.register(registry);
		Gauge.builder("pool.size.share", finder, (owner) -> share(owner.share()))
			.description("This instance's fair share of the fleet budget among the live instances")
			.tags(this.tags)
			.register(registry);
		for (KneeFinder.Cause cause : KneeFinder.Cause.values()) {
			if (cause != KneeFinder.Cause.KEPT) {
				resizes(registry, "grow", cause);
				resizes(registry, "shrink", cause);
			}
		}
		for (KneeFinder.Direction direction : KneeFinder.Direction.values()) {
			probes(registry, direction, "kept");
			probes(registry, direction, "reverted");
		}
		this.controller.onStep((step) -> {
			if (step.isChange()) {
				resizes(registry, step.direction(), step.cause()).increment();
			}
			if (step.cause() == KneeFinder.Cause.KEPT) {
				probes(registry, (step.to() > step.from()) ? KneeFinder.Direction.UP : KneeFinder.Direction.DOWN,
						"kept")
					.increment();
			}
			else if (step.cause() == KneeFinder.Cause.REVERT) {
				probes(registry, (step.from() > step.to()) ? KneeFinder.Direction.UP : KneeFinder.Direction.DOWN,
						"reverted")
					.increment();
			}
		});
	}

	private Counter resizes(MeterRegistry registry, String direction, KneeFinder.Cause cause) {
		return Counter.builder("pool.resizes")
			.description("Changes of the maximum pool size by adaptive sizing")
			.tags(this.tags)
			.tag("direction", direction)
			.tag("cause", cause.name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

	private Counter probes(MeterRegistry registry, KneeFinder.Direction direction, String outcome) {
		return Counter.builder("pool.size.probes")
			.description("Sizes adaptive sizing tried for a window or two, by direction and whether it kept them")
			.tags(this.tags)
			.tag("direction", direction.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.register(registry);
	}

	private static double share(AdaptiveSizingPolicy.@Nullable Share share) {
		return (share != null) ? share.fair() : Double.NaN;
	}

}
