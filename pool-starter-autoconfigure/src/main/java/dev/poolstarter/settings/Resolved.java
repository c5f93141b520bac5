package dev.poolstarter.settings;

import org.jspecify.annotations.Nullable;

/**
 * An effective value, where it came from, and whether the starter applies it to the
 * client.
 *
 * @param <T> the value type
 * @param value the value, or {@code null} when no layer sets it
 * @param origin where the value came from, such as {@code pool.postgres.max-connections}
 * or {@code profile prod}
 * @param applied whether the starter applies the value to the client; {@code false} when
 * the client has it already
 * @author pool-starter
 * @since 0.1.0
 */
public record Resolved<T>(@Nullable T value, String origin, boolean applied) {

	/**
	 * Origin of a value that no layer sets, which the server or nobody decides.
	 */
	public static final String NOT_SET = "not set";

	/**
	 * Create a value the starter applies.
	 * @param value the value, or {@code null} when no layer sets it
	 * @param origin where the value came from
	 */
	public Resolved(@Nullable T value, String origin) {
		this(value, origin, true);
	}

	/**
	 * Return a value that no layer sets.
	 * @param <T> the value type
	 * @return the unset value
	 */
	public static <T> Resolved<T> unset() {
		return new Resolved<>(null, NOT_SET, false);
	}

	/**
	 * Whether some layer set this value.
	 * @return whether the value is set
	 */
	public boolean isSet() {
		return this.value != null;
	}

}
