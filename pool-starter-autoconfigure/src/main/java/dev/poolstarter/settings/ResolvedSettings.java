package dev.poolstarter.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The effective settings of a client, each with its origin: for every setting, the first
 * layer that sets it wins.
 *
 * @param <S> the settings type of the client
 * @author pool-starter
 * @since 0.1.0
 */
public final class ResolvedSettings<S> {

	private final Map<Setting<S, ?>, Resolved<?>> values;

	private ResolvedSettings(Map<Setting<S, ?>, Resolved<?>> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/**
	 * Resolve every setting from layers ordered from the strongest to the weakest.
	 * @param <S> the settings type
	 * @param settings every setting, in report order
	 * @param layers the layers, strongest first
	 * @return the effective settings
	 */
	public static <S> ResolvedSettings<S> resolve(List<? extends Setting<S, ?>> settings, List<Layer<S>> layers) {
		Map<Setting<S, ?>, Resolved<?>> values = new LinkedHashMap<>();
		for (Setting<S, ?> setting : settings) {
			values.put(setting, firstSet(setting, layers));
		}
		return new ResolvedSettings<>(values);
	}

	private static <S, T> Resolved<T> firstSet(Setting<S, T> setting, List<Layer<S>> layers) {
		for (Layer<S> layer : layers) {
			T value = layer.value(setting);
			if (value != null) {
				return new Resolved<>(value, layer.origin().apply(setting), layer.applied());
			}
		}
		return Resolved.unset();
	}

	/**
	 * Return the position of the strongest layer that sets a setting.
	 * @param <S> the settings type
	 * @param setting the setting
	 * @param layers the layers the settings were resolved from, strongest first
	 * @return the position, or the number of layers when none sets it
	 */
	public static <S> int layerOf(Setting<S, ?> setting, List<Layer<S>> layers) {
		for (int i = 0; i < layers.size(); i++) {
			if (layers.get(i).value(setting) != null) {
				return i;
			}
		}
		return layers.size();
	}

	/**
	 * Return the effective value of a setting and its origin.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value and its origin
	 */
	@SuppressWarnings("unchecked")
	public <T> Resolved<T> get(Setting<S, T> setting) {
		return (Resolved<T>) this.values.get(setting);
	}

	/**
	 * Return the effective value of a setting.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value, or {@code null} when no layer sets it
	 */
	public <T> @Nullable T value(Setting<S, T> setting) {
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
	public <T> ResolvedSettings<S> with(Setting<S, T> setting, T value, String origin) {
		Map<Setting<S, ?>, Resolved<?>> copy = new LinkedHashMap<>(this.values);
		copy.put(setting, new Resolved<>(value, origin));
		return new ResolvedSettings<>(copy);
	}

	/**
	 * Return a copy in which one setting no longer applies, saying why.
	 * @param setting the setting
	 * @param reason why it does not apply
	 * @return the new settings
	 */
	public ResolvedSettings<S> without(Setting<S, ?> setting, String reason) {
		Map<Setting<S, ?>, Resolved<?>> copy = new LinkedHashMap<>(this.values);
		copy.put(setting, new Resolved<>(null, reason, false));
		return new ResolvedSettings<>(copy);
	}

	/**
	 * Return every setting with its value, in report order.
	 * @return the settings and their values
	 */
	public Map<Setting<S, ?>, Resolved<?>> asMap() {
		return this.values;
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

}
