package dev.poolstarter.shutdown;

import org.springframework.context.SmartLifecycle;

/**
 * The shutdown phases, highest first, as {@link SmartLifecycle} stops them. Spring Boot
 * publishes readiness REFUSING_TRAFFIC when the context starts closing, drains the web
 * server at {@code DEFAULT_PHASE - 1024} and stops it at {@code DEFAULT_PHASE - 2048};
 * the clients stop below that, in the order their work depends on each other.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class ShutdownPhases {

	/**
	 * Wait for load balancers to see readiness OUT_OF_SERVICE; above Boot's web drain.
	 */
	public static final int READINESS_DELAY = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * Marks the start of Boot's web drain.
	 */
	public static final int WEB_DRAIN_START = SmartLifecycle.DEFAULT_PHASE - 1000;

	/**
	 * Marks the end of Boot's web server stop.
	 */
	public static final int WEB_STOPPED = SmartLifecycle.DEFAULT_PHASE - 2100;

	/**
	 * Kafka listener containers stop and commit what they processed; below the web
	 * server, where Spring Kafka's default (DEFAULT_PHASE - 100) would stop them first.
	 */
	public static final int KAFKA_LISTENERS = SmartLifecycle.DEFAULT_PHASE - 3072;

	/**
	 * Kafka producers flush and close.
	 */
	public static final int KAFKA_PRODUCERS = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * Redis connections finish their pending commands and close.
	 */
	public static final int REDIS = SmartLifecycle.DEFAULT_PHASE - 5120;

	/**
	 * PostgreSQL pools stop lending, wait for borrowed connections, and close.
	 */
	public static final int POSTGRES = SmartLifecycle.DEFAULT_PHASE - 6144;

	/**
	 * The summary line, after every step.
	 */
	public static final int SUMMARY = SmartLifecycle.DEFAULT_PHASE - 7168;

	private ShutdownPhases() {
	}

}
