package dev.poolstarter.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The best pool size on this machine at one client count: the sweep's point with the
 * highest median throughput over the rounds among those without timeouts or errors in
 * any round (all points with transactions when none is), the smaller size on a tie.
 *
 * @author pool-starter
 */
final class Oracle {

	private Oracle() {
	}

	static Optional<Series> pick(List<Series> sweep) {
		List<Series> clean = sweep.stream().filter(Series::cleanInEveryRound).toList();
		List<Series> candidates = (!clean.isEmpty()) ? clean
				: sweep.stream().filter((series) -> series.tps().median() > 0).toList();
		return candidates.stream()
			.max(Comparator.comparingDouble((Series series) -> series.tps().median())
				.thenComparing(Comparator.comparingInt(Series::size).reversed()));
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
