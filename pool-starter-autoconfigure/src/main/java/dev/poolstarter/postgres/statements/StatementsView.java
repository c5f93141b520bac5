package dev.poolstarter.postgres.statements;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.BoundedSampler;

/**
 * The latest view of {@code pg_stat_statements}: its last sample, if any, and whether the
 * latest attempt gave a new one.
 *
 * @param statistics the latest sample, possibly old
 * @param reachable whether the latest attempt reached the server
 * @param stale whether the latest attempt gave no new sample (no answer in time, or an
 * error), so that {@code statistics} is older than the attempt
 * @param error why the latest attempt gave no sample, or {@code null}
 * @param attemptedAt when the latest attempt started
 * @author pool-starter
 * @since 0.1.0
 */
public record StatementsView(@Nullable StatementStatistics statistics, boolean reachable, boolean stale,
		@Nullable String error, Instant attemptedAt) implements BoundedSampler.View {

	/**
	 * Return how old the sample is.
	 * @param now the current time
	 * @return the sample's age, or {@code null} without a sample
	 */
	public @Nullable Duration age(Instant now) {
		return (this.statistics != null) ? Duration.between(this.statistics.sampledAt(), now) : null;
	}

}
