package dev.poolstarter.postgres.settings;

import org.jspecify.annotations.Nullable;

/**
 * Maximum size of a pool: a fixed number of connections, or {@code auto} for the sizing
 * formula.
 *
 * @param connections the fixed number of connections, or {@code null} for {@code auto}
 * @author pool-starter
 * @since 0.1.0
 */
public record PoolSize(@Nullable Integer connections) {

	/**
	 * Size chosen by the sizing formula.
	 */
	public static final PoolSize AUTO = new PoolSize(null);

	/**
	 * Return a fixed pool size.
	 * @param connections the number of connections
	 * @return the pool size
	 */
	public static PoolSize of(int connections) {
		return new PoolSize(connections);
	}

	/**
	 * Parse {@code auto} or a whole number; used by the configuration properties binder.
	 * @param value the text to parse
	 * @return the pool size
	 */
	public static PoolSize valueOf(String value) {
		String trimmed = value.trim();
		if ("auto".equalsIgnoreCase(trimmed)) {
			return AUTO;
		}
		try {
			return of(Integer.parseInt(trimmed));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + value + "' is neither 'auto' nor a whole number", ex);
		}
	}

	/**
	 * Whether the size is left to the sizing formula.
	 * @return whether the size is {@code auto}
	 */
	public boolean isAuto() {
		return this.connections == null;
	}

	@Override
	public String toString() {
		return isAuto() ? "auto" : String.valueOf(this.connections);
	}

}
