package dev.poolstarter.autoconfigure.profile;

import org.jspecify.annotations.Nullable;

/**
 * An effective value and where it came from.
 *
 * @param <T> the value type
 * @param value the value, or {@code null} when no layer sets it
 * @param origin where the value came from, such as {@code pool.postgres.max-connections}
 * or {@code profile prod}
 * @author pool-starter
 * @since 0.1.0
 */
public record Resolved<T>(@Nullable T value, String origin) {

	/**
	 * Origin of a value that no layer sets, which the server or nobody decides.
	 */
	public static final String NOT_SET = "not set";

	/**
	 * Return a value that no layer sets.
	 * @param <T> the value type
	 * @return the unset value
	 */
	public static <T> Resolved<T> unset() {
		return new Resolved<>(null, NOT_SET);
	}

	/**
	 * Whether some layer set this value.
	 * @return whether the value is set
	 */
	public boolean isSet() {
		return this.value != null;
	}

}
