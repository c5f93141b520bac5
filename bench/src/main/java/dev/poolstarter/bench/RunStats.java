package dev.poolstarter.bench;

import org.jspecify.annotations.Nullable;

/**
 * What one configuration did at one client count during the measured window.
 *
 * @param config the configuration's label
 * @param poolSize the maximum pool size
 * @param clients the concurrent clients
 * @param transactions transactions committed in the window
 * @param tps transactions per second
 * @param p50Millis median transaction latency, borrow to close
 * @param p99Millis 99th percentile transaction latency
 * @param p99AcquireMillis 99th percentile time to borrow a connection
 * @param meanHeldMillis mean time a connection was held, borrow to close
 * @param timeouts borrows that timed out
 * @param errors other failed transactions
 * @param serverConnections most server connections the pool held
 * @param serverBusy most of them working at once (not idle)
 * @param othersBusy other sessions working on the server, on average
 * @param cpu how the cores were shared during the window
 * @param note what went wrong, or {@code null}
 */
record RunStats(String config, int poolSize, int clients, long transactions, double tps, double p50Millis,
		double p99Millis, double p99AcquireMillis, double meanHeldMillis, long timeouts, long errors, int serverConnections, int serverBusy,
		double othersBusy, CpuUsage.Shares cpu, @Nullable String note) {

	boolean clean() {
		return this.timeouts == 0 && this.errors == 0 && this.transactions > 0;
	}

	static RunStats failed(String config, int poolSize, int clients, String note) {
		return new RunStats(config, poolSize, clients, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0,
				Double.NaN, new CpuUsage.Shares(Double.NaN, Double.NaN, Double.NaN), note);
	}

}
