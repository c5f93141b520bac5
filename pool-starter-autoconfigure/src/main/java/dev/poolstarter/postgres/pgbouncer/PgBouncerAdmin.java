package dev.poolstarter.postgres.pgbouncer;

import org.jspecify.annotations.Nullable;

/**
 * What PgBouncer's admin console said at start-up, when
 * {@code pool.postgres.pgbouncer-admin-url} is set.
 *
 * @param address where the admin console answers
 * @param version PgBouncer's version, such as {@code 1.18.0}, or {@code null} when it did
 * not answer
 * @param maxPreparedStatements its max_prepared_statements, or {@code null} before
 * PgBouncer 1.21, which does not have it
 * @param poolMode its pool mode for the pool's database, or {@code null}
 * @param error why it did not answer, or {@code null}
 * @author pool-starter
 * @since 0.1.0
 */
public record PgBouncerAdmin(PgBouncerAddress address, @Nullable String version, @Nullable Integer maxPreparedStatements,
		@Nullable String poolMode, @Nullable String error) {

	/**
	 * Whether this PgBouncer keeps prepared statements across transaction pooling: 1.21 or
	 * newer with max_prepared_statements above 0.
	 * @return whether it tracks prepared statements
	 */
	public boolean tracksPreparedStatements() {
		return isAtLeast(1, 21) && this.maxPreparedStatements != null && this.maxPreparedStatements > 0;
	}

	/**
	 * Whether PgBouncer answered at start-up.
	 * @return whether the version is known
	 */
	public boolean answered() {
		return this.version != null;
	}

	/**
	 * Describe PgBouncer in one line, for the start-up table.
	 * @return the description
	 */
	public String describe() {
		if (this.version == null) {
			return "did not answer: " + this.error;
		}
		return "PgBouncer " + this.version + ", pool_mode " + ((this.poolMode != null) ? this.poolMode : "unknown")
				+ ", max_prepared_statements "
				+ ((this.maxPreparedStatements != null) ? this.maxPreparedStatements : "unknown (before 1.21)");
	}

	boolean isAtLeast(int major, int minor) {
		if (this.version == null) {
			return false;
		}
		String[] parts = this.version.split("\\.");
		try {
			int actualMajor = Integer.parseInt(parts[0]);
			int actualMinor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
			return actualMajor > major || (actualMajor == major && actualMinor >= minor);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
