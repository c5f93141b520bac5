package dev.poolstarter.postgres.server;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The latest view of the server: its last sample, if any, and whether the server
 * answered the latest attempt.
 *
 * @param activity the latest successful sample, possibly old
 * @param reachable whether the latest attempt reached the server (a full server counts as
 * reached)
 * @param stale whether the latest attempt gave no new sample (no answer in time, or an
 * error), so that {@code activity} is older than the attempt
 * @param error why the latest attempt gave no sample, or {@code null}
 * @param attemptedAt when the latest attempt started
 * @author pool-starter
 * @since 0.1.0
 */
public record ServerView(@Nullable ServerActivity activity, boolean reachable, boolean stale,
		@Nullable String error, Instant attemptedAt) implements BoundedSampler.View {

	/**
	 * Return how old the sample is.
	 * @param now the current time
	 * @return the sample's age, or {@code null} without a sample
	 */
	public @Nullable Duration age(Instant now) {
		return (this.activity != null) ? Duration.between(this.activity.sampledAt(), now) : null;
	}

}
