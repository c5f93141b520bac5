package dev.poolstarter.postgres.statements;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One sample of {@code pg_stat_statements} for the pool's database: the statements with
 * the longest mean and total execution times since the last reset, and how many have a
 * mean past the slow-statement threshold; or why the extension gives nothing.
 *
 * @param sampledAt when the sample was taken
 * @param availability whether the extension answered, or what is missing
 * @param extension where the extension is and what the role may know about the server
 * @param ownRoleOnly whether only the pool's role's statements count
 * @param fullView whether the role sees the text of other roles' statements
 * (pg_read_all_stats)
 * @param resetAt when the statistics were last reset, or {@code null} when the extension
 * does not say (before 1.9) or gives nothing
 * @param tracked statements tracked for the database (and role)
 * @param slow statements whose mean execution time is past the threshold
 * @param byMeanTime the statements with the longest mean execution time, longest first
 * @param byTotalTime the statements with the longest total execution time, longest first
 * @author pool-starter
 * @since 0.1.0
 */
public record StatementStatistics(Instant sampledAt, Availability availability, StatementsExtension extension,
		boolean ownRoleOnly, boolean fullView, @Nullable Instant resetAt, int tracked, int slow,
		List<TrackedStatement> byMeanTime, List<TrackedStatement> byTotalTime) {

	/**
	 * Return a sample that says why the extension gives nothing.
	 * @param sampledAt when the sample was taken
	 * @param availability what is missing
	 * @param extension where the extension is, if anywhere
	 * @param ownRoleOnly whether only the pool's role's statements count
	 * @return the sample
	 */
	public static StatementStatistics unavailable(Instant sampledAt, Availability availability,
			StatementsExtension extension, boolean ownRoleOnly) {
		return new StatementStatistics(sampledAt, availability, extension, ownRoleOnly, true, null, 0, 0, List.of(),
				List.of());
	}

	/**
	 * Return whether the extension answered.
	 * @return whether the figures are real
	 */
	public boolean available() {
		return this.availability == Availability.AVAILABLE;
	}

	/**
	 * Return what is missing, as one sentence.
	 * @return why the extension gives nothing, or {@code null} when it answered
	 */
	public @Nullable String unavailableReason() {
		return switch (this.availability) {
			case AVAILABLE -> null;
			case NOT_INSTALLED -> "pg_stat_statements is not installed in database " + this.extension.database();
			case NOT_LOADED -> "pg_stat_statements is installed in database " + this.extension.database()
					+ " but the server has not loaded it: it is missing from shared_preload_libraries";
		};
	}

	/**
	 * Return what enables the extension.
	 * @return the steps, in order, none when it answered
	 */
	public List<String> enableSteps() {
		return switch (this.availability) {
			case AVAILABLE -> List.of();
			case NOT_INSTALLED -> this.extension.enableSteps(false);
			case NOT_LOADED -> this.extension.enableSteps(true);
		};
	}

	/**
	 * Whether {@code pg_stat_statements} gives figures in the pool's database.
	 */
	public enum Availability {

		/**
		 * The extension answered.
		 */
		AVAILABLE,

		/**
		 * {@code CREATE EXTENSION pg_stat_statements} has not run in the database.
		 */
		NOT_INSTALLED,

		/**
		 * The extension is installed but the server did not load its library at start
		 * ({@code shared_preload_libraries}).
		 */
		NOT_LOADED

	}

}
