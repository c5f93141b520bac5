package dev.poolstarter.bench;

/**
 * What one pool did in one phase of a shifting scenario (or over the whole scenario):
 * transactions that ended in it, and their latency from borrow to close.
 *
 * @param transactions transactions committed
 * @param tps transactions per second of the phase
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency, {@code NaN} without transactions
 * @param timeouts borrows that timed out
 * @param errors other failed transactions
 */
record PhaseStats(long transactions, double tps, double p50Millis, double p99Millis, long timeouts, long errors) {

	static final PhaseStats NONE = new PhaseStats(0, 0, Double.NaN, Double.NaN, 0, 0);

	boolean clean() {
		return this.timeouts == 0 && this.errors == 0;
	}

}
