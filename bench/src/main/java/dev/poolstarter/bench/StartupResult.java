package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The sample application's start-up times with and without the starter.
 *
 * @param measured whether the times were taken
 * @param reason why not, or {@code null}
 * @param withStarter seconds to start with the starter, one per run
 * @param plain seconds to start with Spring Boot's plain DataSource auto-configuration
 * @param excluded the auto-configurations excluded for the plain runs
 */
record StartupResult(boolean measured, @Nullable String reason, List<Double> withStarter, List<Double> plain,
		String excluded) {

	static StartupResult notMeasured(String reason) {
		return new StartupResult(false, reason, List.of(), List.of(), "");
	}

	double ratio() {
		return Oracle.ratio(median(this.withStarter), median(this.plain));
	}

	/**
	 * Return the ratio of each pair of start-ups, taken one after the other.
	 * @return with the starter over without, pair by pair
	 */
	Spread pairRatios() {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(this.withStarter.size(), this.plain.size()); i++) {
			ratios.add(Oracle.ratio(this.withStarter.get(i), this.plain.get(i)));
		}
		return Spread.of(ratios);
	}

	double minimumRatio() {
		return Oracle.ratio(minimum(this.withStarter), minimum(this.plain));
	}

	static double minimum(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
