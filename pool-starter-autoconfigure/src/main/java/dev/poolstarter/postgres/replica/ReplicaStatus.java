package dev.poolstarter.postgres.replica;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.PoolUsageReport;

/**
 * What the last sample of a read replica found: whether it answered, whether it is a
 * standby, and how far its replay lags behind the primary.
 *
 * @param reachable whether the replica answered the last sample, or was last seen
 * answering when none was taken yet
 * @param inRecovery {@code pg_is_in_recovery()}, or {@code null} before a sample
 * @param lag the replication lag: zero when the replica has replayed everything it
 * received from a connected primary, else the age of the last replayed transaction;
 * {@code null} when unknown
 * @param error why the replica did not answer, or {@code null}
 * @param sampledAt when the status was taken, or {@code null} before the first sample
 * @author pool-starter
 * @since 0.1.0
 */
public record ReplicaStatus(boolean reachable, @Nullable Boolean inRecovery, @Nullable Duration lag,
		@Nullable String error, @Nullable Instant sampledAt) {

	/**
	 * The status before the first sample.
	 */
	public static final ReplicaStatus NOT_SAMPLED = new ReplicaStatus(true, null, null, null, null);

	/**
	 * Whether a sample was taken.
	 * @return whether the status comes from a sample
	 */
	public boolean sampled() {
		return this.sampledAt != null;
	}

	/**
	 * Return the replica's figure in its pool's log line: the lag, {@code unknown} before
	 * a sample, or {@code down} while the replica does not answer.
	 * @return the figure, such as {@code server.lag=0ms}
	 */
	public String lagFigure() {
		if (!this.reachable) {
			return "server.lag=down";
		}
		return "server.lag=" + ((this.lag != null) ? PoolUsageReport.millis(this.lag.toNanos() / 1e6) : "unknown");
	}

	/**
	 * Return this status turned unreachable for the given reason.
	 * @param reason why
	 * @param at when
	 * @return the status
	 */
	ReplicaStatus unreachable(String reason, Instant at) {
		return new ReplicaStatus(false, this.inRecovery, this.lag, reason, at);
	}

}
