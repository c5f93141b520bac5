package dev.poolstarter.settings;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One layered setting of a client: its property name below the client's prefix and how
 * to read its value from a layer's settings of type {@code S}.
 *
 * @param <S> the settings type of the client, such as {@code RedisSettings}
 * @param <T> the value type
 * @author pool-starter
 * @since 0.1.0
 */
public interface Setting<S, T> {

	/**
	 * Return the property name below the client's prefix.
	 * @return the key, such as {@code command-timeout}
	 */
	String key();

	/**
	 * Return this setting's value in a layer's settings.
	 * @param settings the settings of one layer
	 * @return the value, or {@code null} when the layer does not set it
	 */
	@Nullable T read(S settings);

	/**
	 * Return a setting read by a getter.
	 * @param <S> the settings type
	 * @param <T> the value type
	 * @param key the property name below the client's prefix
	 * @param getter reads the value from a layer's settings
	 * @return the setting
	 */
	static <S, T> Setting<S, T> of(String key, Function<S, @Nullable T> getter) {
		return new Setting<>() {

			@Override
			public String key() {
				return key;
			}

			@Override
			public @Nullable T read(S settings) {
				return getter.apply(settings);
			}

			@Override
			public String toString() {
				return key;
			}

		};
	}

}
