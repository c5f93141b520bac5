package dev.poolstarter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * One configuration under test: the starter's own pool (built by the starter in a Spring
 * context) or a plain {@link HikariDataSource} of a given size, with HikariCP's defaults
 * for everything else, as Spring Boot builds it.
 *
 * @param label the name in the results
 * @param starter whether the starter builds the pool
 * @param size the plain pool's maximum size (ignored for the starter's)
 * @param minIdle the plain pool's minimum idle, or {@code null} for HikariCP's (= size)
 * @param sweep whether the configuration is a point of the size sweep
 * @param properties the starter's properties for this configuration
 */
record PoolConfig(String label, boolean starter, int size, @Nullable Integer minIdle, boolean sweep,
		Map<String, String> properties) {

	static PoolConfig starterAuto() {
		return new PoolConfig(BenchMain.STARTER, true, 0, null, false, Map.of());
	}

	/**
	 * Return the starter's pool in its adaptive sizing mode, which changes the maximum size
	 * at run time from the formula's start.
	 * @return the configuration
	 */
	static PoolConfig starterAdaptive() {
		return new PoolConfig(BenchMain.STARTER_ADAPTIVE, true, 0, null, false, Map.of("pool.postgres.sizing", "adaptive"));
	}

	static PoolConfig plain(String label, int size, @Nullable Integer minIdle) {
		return new PoolConfig(label, false, size, minIdle, false, Map.of());
	}

	static PoolConfig sweep(int size) {
		return new PoolConfig("size " + size, false, size, null, true, Map.of());
	}

	/**
	 * Return a point of the sweep built by the starter: its pool with fixed sizing at the
	 * given size, so that a sizing controller can be compared with the same pool at fixed
	 * sizes.
	 * @param size the pool size
	 * @return the configuration
	 */
	static PoolConfig starterSweep(int size) {
		return new PoolConfig("size " + size, true, size, null, true,
				Map.of("pool.postgres.sizing", "fixed", "pool.postgres.max-connections", Integer.toString(size)));
	}

	BenchPool open(Database database, String applicationName, Map<String, String> starterProperties) {
		if (this.starter) {
			return StarterPool.open(database, applicationName, starterProperties(starterProperties));
		}
		HikariDataSource dataSource = new HikariDataSource(hikariConfig(database, applicationName));
		return new BenchPool(dataSource, this.size, "fixed", dataSource);
	}

	/**
	 * Return the properties of the starter's context for this configuration: its own with
	 * the run's {@code --starter-property} values over them, except that a point of the
	 * sweep keeps its size and sizing.
	 * @param starterProperties the run's extra properties
	 * @return the properties
	 */
	Map<String, String> starterProperties(Map<String, String> starterProperties) {
		Map<String, String> properties = new LinkedHashMap<>(this.properties);
		properties.putAll(starterProperties);
		if (this.sweep) {
			properties.putAll(this.properties);
		}
		return properties;
	}

	HikariConfig hikariConfig(Database database, String applicationName) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(applicationName);
		config.setJdbcUrl(database.url());
		config.setUsername(database.user());
		config.setPassword(database.password());
		config.setMaximumPoolSize(this.size);
		if (this.minIdle != null) {
			config.setMinimumIdle(this.minIdle);
		}
		config.addDataSourceProperty("ApplicationName", applicationName);
		return config;
	}

	String slug() {
		return this.label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

}
