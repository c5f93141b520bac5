package dev.poolstarter.autoconfigure.profile;

import java.util.function.Function;

/**
 * One layer of PostgreSQL pool settings and how to name the origin of each of its
 * values.
 *
 * @param settings the values of this layer
 * @param origin names the origin of one setting's value in this layer
 * @author pool-starter
 * @since 0.1.0
 */
public record SettingsLayer(PostgresPoolSettings settings, Function<PostgresSetting<?>, String> origin) {

	/**
	 * Return a layer bound from properties under the given prefix.
	 * @param prefix the property prefix, such as {@code pool.services.orders.postgres}
	 * @param settings the bound values
	 * @return the layer
	 */
	public static SettingsLayer properties(String prefix, PostgresPoolSettings settings) {
		return new SettingsLayer(settings, (setting) -> prefix + "." + setting.key());
	}

	/**
	 * Return a layer whose values all share one origin.
	 * @param name the origin of every value, such as {@code profile prod}
	 * @param settings the values
	 * @return the layer
	 */
	public static SettingsLayer named(String name, PostgresPoolSettings settings) {
		return new SettingsLayer(settings, (setting) -> name);
	}

}
