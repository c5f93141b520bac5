package dev.poolstarter.health;

import org.springframework.boot.health.contributor.Status;

/**
 * Statuses the starter adds to Spring Boot's.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class HealthStatuses {

	/**
	 * The database answers but the pool or the server is under strain: exhausted, callers
	 * waiting, utilization high, sessions idle in transaction too long. Served with HTTP
	 * 200 and ordered between UP and DOWN, so that an orchestrator does not restart every
	 * instance at peak load.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"The database answers but the pool or the server is under strain");

	private HealthStatuses() {
	}

}
