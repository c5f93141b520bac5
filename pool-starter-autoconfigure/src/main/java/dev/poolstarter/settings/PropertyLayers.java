package dev.poolstarter.settings;

import java.util.List;

/**
 * The three layers of one client's settings that the application writes under
 * {@code pool.*}, strongest first: the explicit one ({@code pool.redis.*}), the service's
 * entry ({@code pool.services.<service>.redis.*}) and the override of the selected
 * profile's table ({@code pool.profiles.<profile>.redis.*}). A client's planner puts
 * them above its own layers: the environment, Spring Boot's properties, the built-in
 * table and the library's defaults.
 *
 * @param <S> the settings type of the client
 * @param explicit the explicit layer
 * @param service the service's entry, empty when it has none
 * @param profile the override of the selected profile, empty when there is none
 * @author pool-starter
 * @since 0.1.0
 */
public record PropertyLayers<S>(Layer<S> explicit, Layer<S> service, Layer<S> profile) {

	/**
	 * Return the three layers, strongest first.
	 * @return the layers
	 */
	public List<Layer<S>> all() {
		return List.of(this.explicit, this.service, this.profile);
	}

}
