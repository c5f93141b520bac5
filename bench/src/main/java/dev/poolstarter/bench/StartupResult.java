package dev.poolstarter.bench;

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
