package dev.poolstarter.autoconfigure.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The effective PostgreSQL pool settings, each with its origin: for every setting, the
 * first layer that sets it wins.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class ResolvedPostgresSettings {

	private final Map<PostgresSetting<?>, Resolved<?>> values;

	private ResolvedPostgresSettings(Map<PostgresSetting<?>, Resolved<?>> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/**
	 * Resolve every setting from layers ordered from the strongest to the weakest.
	 * @param layers the layers, strongest first
	 * @return the effective settings
	 */
	public static ResolvedPostgresSettings resolve(List<SettingsLayer> layers) {
		Map<PostgresSetting<?>, Resolved<?>> values = new LinkedHashMap<>();
		for (PostgresSetting<?> setting : PostgresSetting.ALL) {
			values.put(setting, firstSet(setting, layers));
		}
		return new ResolvedPostgresSettings(values);
	}

	private static <T> Resolved<T> firstSet(PostgresSetting<T> setting, List<SettingsLayer> layers) {
		for (SettingsLayer layer : layers) {
			T value = setting.getter().apply(layer.settings());
			if (value != null) {
				return new Resolved<>(value, layer.origin().apply(setting));
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
	public <T> Resolved<T> get(PostgresSetting<T> setting) {
		return (Resolved<T>) this.values.get(setting);
	}

	/**
	 * Return the effective value of a setting.
	 * @param <T> the value type
	 * @param setting the setting
	 * @return the value, or {@code null} when the library default applies
	 */
	public <T> @Nullable T value(PostgresSetting<T> setting) {
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
	public <T> ResolvedPostgresSettings with(PostgresSetting<T> setting, T value, String origin) {
		Map<PostgresSetting<?>, Resolved<?>> copy = new LinkedHashMap<>(this.values);
		copy.put(setting, new Resolved<>(value, origin));
		return new ResolvedPostgresSettings(copy);
	}

	/**
	 * Return every setting in table order.
	 * @return the settings and their values
	 */
	public Map<PostgresSetting<?>, Resolved<?>> asMap() {
		return this.values;
	}

}
