package dev.poolstarter.postgres;

import com.zaxxer.hikari.HikariConfig;

/**
 * Callback to adjust a pool's {@link HikariConfig} after the starter has applied its
 * settings and before the pool starts. Customizers run in {@code @Order}; what they set
 * wins over every property, and is not shown in the start-up table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@FunctionalInterface
public interface JdbcPoolCustomizer {

	/**
	 * Adjust the configuration of the named pool.
	 * @param poolName the pool's name, such as {@code primary}
	 * @param config the configuration, not yet sealed
	 */
	void customize(String poolName, HikariConfig config);

}
