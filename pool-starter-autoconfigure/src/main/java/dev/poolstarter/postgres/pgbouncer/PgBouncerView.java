package dev.poolstarter.postgres.pgbouncer;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.BoundedSampler;

/**
 * The latest view of PgBouncer: its last sample, if any, and whether the admin console
 * answered the latest attempt.
 *
 * @param stats the latest successful sample, possibly old
 * @param reachable whether the latest attempt reached the admin console
 * @param stale whether the latest attempt gave no new sample, so that {@code stats} is
 * older than the attempt
 * @param error why the latest attempt gave no sample, or {@code null}
 * @param attemptedAt when the latest attempt started
 * @author pool-starter
 * @since 0.1.0
 */
public record PgBouncerView(@Nullable PgBouncerStats stats, boolean reachable, boolean stale, @Nullable String error,
		Instant attemptedAt) implements BoundedSampler.View {

	/**
	 * Return how old the sample is.
	 * @param now the current time
	 * @return the sample's age, or {@code null} without a sample
	 */
	public @Nullable Duration age(Instant now) {
		return (this.stats != null) ? Duration.between(this.stats.sampledAt(), now) : null;
	}

}
