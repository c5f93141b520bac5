package dev.poolstarter.settings;

import java.time.Duration;
import java.util.Locale;

/**
 * Formats durations the way they are written in properties files ({@code 30s},
 * {@code 10m}, {@code 1500ms}).
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class DurationFormat {

	private DurationFormat() {
	}

	/**
	 * Format a duration in the largest unit that shows it exactly.
	 * @param duration the duration
	 * @return the text
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis == 0) {
			return "0";
		}
		if (millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

	/**
	 * Format any setting value for messages and tables.
	 * @param value the value
	 * @return the text
	 */
	public static String formatValue(Object value) {
		if (value instanceof Duration duration) {
			return format(duration);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		return String.valueOf(value);
	}

}
