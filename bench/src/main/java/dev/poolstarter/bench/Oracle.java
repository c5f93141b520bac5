package dev.poolstarter.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The best pool size on this machine at one client count: the sweep's point with the
 * highest throughput among those without timeouts or errors (all points when every one
 * failed), the smaller size on a tie.
 *
 * @author pool-starter
 */
final class Oracle {

	private Oracle() {
	}

	static Optional<RunStats> pick(List<RunStats> sweep) {
		List<RunStats> clean = sweep.stream().filter(RunStats::clean).toList();
		List<RunStats> candidates = (!clean.isEmpty()) ? clean
				: sweep.stream().filter((stats) -> stats.transactions() > 0).toList();
		return candidates.stream()
			.max(Comparator.comparingDouble(RunStats::tps)
				.thenComparing(Comparator.comparingInt(RunStats::poolSize).reversed()));
	}

	/**
	 * Return a ratio, {@code NaN} when either side is missing.
	 * @param value the measured value
	 * @param reference the reference value
	 * @return {@code value / reference}
	 */
	static double ratio(double value, double reference) {
		if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0) {
			return Double.NaN;
		}
		return value / reference;
	}

}
