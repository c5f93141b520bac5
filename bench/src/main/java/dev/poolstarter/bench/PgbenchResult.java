package dev.poolstarter.bench;

import org.jspecify.annotations.Nullable;

/**
 * One pgbench run of the same transaction.
 *
 * @param clients pgbench's clients (-c), each one server connection
 * @param tps transactions per second, without the initial connection time
 * @param p50Millis median latency from pgbench's transaction log
 * @param p99Millis 99th percentile latency
 * @param failed failed transactions
 * @param note what went wrong, or {@code null}
 */
record PgbenchResult(int clients, double tps, double p50Millis, double p99Millis, long failed, @Nullable String note) {

	static PgbenchResult failed(int clients, String note) {
		return new PgbenchResult(clients, 0, Double.NaN, Double.NaN, 0, note);
	}

}
