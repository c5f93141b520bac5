package dev.poolstarter.settings;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One layer of a client's settings: its values, how to name the origin of each, and
 * whether the starter applies them to the client (it does not where the client already
 * has them, such as the {@code spring.kafka.*} properties Spring Boot applies itself).
 *
 * @param <S> the settings type of the client
 * @param values reads one setting's value from this layer, {@code null} when not set
 * @param origin names the origin of one setting's value in this layer
 * @param applied whether the starter applies this layer's values to the client
 * @author pool-starter
 * @since 0.1.0
 */
public record Layer<S>(Function<Setting<S, ?>, @Nullable Object> values, Function<Setting<S, ?>, String> origin,
		boolean applied) {

	/**
	 * Return a layer bound from properties under the given prefix.
	 * @param <S> the settings type
	 * @param prefix the property prefix, such as {@code pool.redis}
	 * @param settings the bound values
	 * @return the layer
	 */
	public static <S> Layer<S> properties(String prefix, S settings) {
		return new Layer<>((setting) -> setting.read(settings), (setting) -> prefix + "." + setting.key(), true);
	}

	/**
	 * Return a layer whose values all share one origin.
	 * @param <S> the settings type
	 * @param name the origin of every value
	 * @param settings the values
	 * @return the layer
	 */
	public static <S> Layer<S> named(String name, S settings) {
		return named(name, settings, true);
	}

	/**
	 * Return a layer whose values all share one origin.
	 * @param <S> the settings type
	 * @param name the origin of every value
	 * @param settings the values
	 * @param applied whether the starter applies these values to the client
	 * @return the layer
	 */
	public static <S> Layer<S> named(String name, S settings, boolean applied) {
		return new Layer<>((setting) -> setting.read(settings), (setting) -> name, applied);
	}

	/**
	 * Return a layer whose origin of each value depends on its key.
	 * @param <S> the settings type
	 * @param settings the values
	 * @param origin names the origin of a value, given the setting's key
	 * @return the layer
	 */
	public static <S> Layer<S> keyed(S settings, Function<String, String> origin) {
		return new Layer<>((setting) -> setting.read(settings), (setting) -> origin.apply(setting.key()), true);
	}

	/**
	 * Return this layer's value of a setting.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value, or {@code null} when this layer does not set it
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T value(Setting<S, T> setting) {
		return (T) this.values.apply(setting);
	}

}
