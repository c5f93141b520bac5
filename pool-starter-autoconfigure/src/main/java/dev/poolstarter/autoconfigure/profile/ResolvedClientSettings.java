package dev.poolstarter.autoconfigure.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The effective settings of a client, each with its origin: for every setting, the first
 * layer that sets it wins.
 *
 * @param <S> the settings type
 * @author pool-starter
 * @since 0.1.0
 */
public final class ResolvedClientSettings<S> {

	private final Map<ClientSetting<S, ?>, Resolved<?>> values;

	private ResolvedClientSettings(Map<ClientSetting<S, ?>, Resolved<?>> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/**
	 * Resolve every setting from layers ordered from the strongest to the weakest.
	 * @param <S> the settings type
	 * @param settings every setting, in report order
	 * @param layers the layers, strongest first
	 * @return the effective settings
	 */
	public static <S> ResolvedClientSettings<S> resolve(List<ClientSetting<S, ?>> settings, List<Layer<S>> layers) {
		Map<ClientSetting<S, ?>, Resolved<?>> values = new LinkedHashMap<>();
		for (ClientSetting<S, ?> setting : settings) {
			values.put(setting, firstSet(setting, layers));
		}
		return new ResolvedClientSettings<>(values);
	}

	private static <S, T> Resolved<T> firstSet(ClientSetting<S, T> setting, List<Layer<S>> layers) {
		for (Layer<S> layer : layers) {
			T value = setting.getter().apply(layer.settings());
			if (value != null) {
				return new Resolved<>(value, layer.origin().apply(setting.key()));
			}
		}
		return Resolved.unset();
	}

	/**
	 * Return the effective value of a setting and its origin.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value and its origin
	 */
	@SuppressWarnings("unchecked")
	public <T> Resolved<T> get(ClientSetting<S, T> setting) {
		return (Resolved<T>) this.values.get(setting);
	}

	/**
	 * Return the effective value of a setting.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value, or {@code null} when no layer sets it
	 */
	public <T> @Nullable T value(ClientSetting<S, T> setting) {
		return get(setting).value();
	}

	/**
	 * Return a copy in which one setting has a value derived from others.
	 * @param <T> the value type
	 * @param setting the setting
	 * @param value the derived value
	 * @param origin how it was derived
	 * @return the new settings
	 */
	public <T> ResolvedClientSettings<S> with(ClientSetting<S, T> setting, T value, String origin) {
		Map<ClientSetting<S, ?>, Resolved<?>> copy = new LinkedHashMap<>(this.values);
		copy.put(setting, new Resolved<>(value, origin));
		return new ResolvedClientSettings<>(copy);
	}

	/**
	 * Return a copy in which one setting no longer applies, saying why.
	 * @param setting the setting
	 * @param reason why it does not apply
	 * @return the new settings
	 */
	public ResolvedClientSettings<S> without(ClientSetting<S, ?> setting, String reason) {
		Map<ClientSetting<S, ?>, Resolved<?>> copy = new LinkedHashMap<>(this.values);
		copy.put(setting, new Resolved<>(null, reason));
		return new ResolvedClientSettings<>(copy);
	}

	/**
	 * Return the position of the layer that set a setting, strongest first.
	 * @param setting the setting
	 * @param layers the layers the settings were resolved from
	 * @return the position, or the number of layers when none sets it
	 */
	public static <S> int layerOf(ClientSetting<S, ?> setting, List<Layer<S>> layers) {
		for (int i = 0; i < layers.size(); i++) {
			if (setting.getter().apply(layers.get(i).settings()) != null) {
				return i;
			}
		}
		return layers.size();
	}

	/**
	 * Return every setting by property name, in report order.
	 * @return the settings and their values
	 */
	public Map<String, Resolved<?>> byKey() {
		Map<String, Resolved<?>> byKey = new LinkedHashMap<>();
		this.values.forEach((setting, resolved) -> byKey.put(setting.key(), resolved));
		return byKey;
	}

	/**
	 * A layer of settings and how to name the origin of each of its values.
	 *
	 * @param <S> the settings type
	 * @param settings the values of this layer
	 * @param origin names the origin of a value, given the setting's key
	 */
	public record Layer<S>(S settings, Function<String, String> origin) {

		/**
		 * Return a layer bound from properties under the given prefix.
		 * @param <S> the settings type
		 * @param prefix the property prefix, such as {@code pool.redis}
		 * @param settings the bound values
		 * @return the layer
		 */
		public static <S> Layer<S> properties(String prefix, S settings) {
			return new Layer<>(settings, (key) -> prefix + "." + key);
		}

		/**
		 * Return a layer whose values all share one origin.
		 * @param <S> the settings type
		 * @param name the origin of every value
		 * @param settings the values
		 * @return the layer
		 */
		public static <S> Layer<S> named(String name, S settings) {
			return new Layer<>(settings, (key) -> name);
		}

	}

}
