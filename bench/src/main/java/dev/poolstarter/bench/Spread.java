package dev.poolstarter.bench;

import java.util.List;

/**
 * The median and the range of one figure over a run's rounds; values that could not be
 * measured ({@code NaN}) are left out.
 *
 * @param count the values that were measured
 * @param median their median, {@code NaN} when there are none
 * @param min the smallest, {@code NaN} when there are none
 * @param max the largest, {@code NaN} when there are none
 */
record Spread(int count, double median, double min, double max) {

	static Spread of(List<Double> values) {
		List<Double> sorted = values.stream().filter((value) -> !Double.isNaN(value)).sorted().toList();
		if (sorted.isEmpty()) {
			return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
		}
		int middle = sorted.size() / 2;
		double median = (sorted.size() % 2 == 1) ? sorted.get(middle)
				: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		return new Spread(sorted.size(), median, sorted.get(0), sorted.get(sorted.size() - 1));
	}

	boolean measured() {
		return this.count > 0;
	}

}
