package dev.poolstarter.postgres.statements;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One statement as {@code pg_stat_statements} tracks it: its normalized text, truncated and
 * with any password hidden, and its figures since the last reset.
 *
 * @param query the normalized text, constants as {@code $1}, at most {@link #MAX_LENGTH}
 * characters
 * @param calls times it ran
 * @param meanMillis mean execution time
 * @param totalMillis total execution time
 * @param maxMillis longest execution time
 * @param rows rows it returned or changed, in total
 * @author pool-starter
 * @since 0.1.0
 */
public record TrackedStatement(String query, long calls, double meanMillis, double totalMillis, double maxMillis,
		long rows) {

	/**
	 * Longest text kept: longer texts end with {@code ...}.
	 */
	public static final int MAX_LENGTH = 500;

	private static final Pattern PASSWORD = Pattern.compile("(?i)password");

	/**
	 * A string literal: quoted (standard, {@code E'...'}) or dollar-quoted, possibly cut
	 * off by the truncation.
	 */
	private static final Pattern LITERAL = Pattern
		.compile("(?s)(?:(?<![\\w$])[eE])?'(?:[^']|'')*'?|\\$([A-Za-z_][A-Za-z0-9_]*)?\\$.*?(?:\\$\\1\\$|\\z)");

	/**
	 * Create a statement from the text the extension gives, hiding passwords and
	 * truncating it.
	 * @param text the normalized text
	 * @param calls times it ran
	 * @param meanMillis mean execution time
	 * @param totalMillis total execution time
	 * @param maxMillis longest execution time
	 * @param rows rows in total
	 * @return the statement
	 */
	public static TrackedStatement of(String text, long calls, double meanMillis, double totalMillis, double maxMillis,
			long rows) {
		return new TrackedStatement(shorten(mask(text), MAX_LENGTH), calls, meanMillis, totalMillis, maxMillis, rows);
	}

	/**
	 * Hide every literal of a statement that mentions a password. The extension replaces
	 * the constants of queries by {@code $1}, {@code $2}, but keeps utility statements
	 * such as {@code ALTER ROLE ... PASSWORD '...'} or {@code CREATE SUBSCRIPTION ...
	 * CONNECTION '... password=...'} as they were sent (before PostgreSQL 16), so only
	 * those have literals left.
	 */
	static String mask(String text) {
		if (!PASSWORD.matcher(text).find()) {
			return text;
		}
		return LITERAL.matcher(text).replaceAll("'******'");
	}

	static String shorten(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) + "..." : text;
	}

	/**
	 * Return the statement as the endpoint and health show it.
	 * @param length the longest text shown
	 * @return text and figures, times in milliseconds
	 */
	public Map<String, Object> describe(int length) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("query", shorten(this.query, length));
		statement.put("calls", this.calls);
		statement.put("meanMillis", round(this.meanMillis));
		statement.put("totalMillis", round(this.totalMillis));
		statement.put("maxMillis", round(this.maxMillis));
		statement.put("rows", this.rows);
		return statement;
	}

	private static double round(double millis) {
		return Math.round(millis * 100) / 100.0;
	}

}
