package dev.poolstarter.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Adds the health settings the starter's statuses need, as defaults that any property
 * the application sets overrides: DEGRADED ordered between UP and DOWN (Spring Boot's
 * aggregator ignores statuses missing from the order) and served with HTTP 200, DOWN and
 * OUT_OF_SERVICE still served with 503, and the database in the readiness group, never in
 * liveness.
 *
 * @author pool-starter
 */
class PoolHealthDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "poolStarterHealthDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		// a mapping that names one status drops Spring Boot's built-in ones, so restate them
		defaults.put("management.endpoint.health.status.http-mapping.DEGRADED", "200");
		defaults.put("management.endpoint.health.status.http-mapping.DOWN", "503");
		defaults.put("management.endpoint.health.status.http-mapping.OUT_OF_SERVICE", "503");
		if (databaseHealthIsOn(environment)) {
			defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * Whether the {@code db} contributor will exist; a readiness group naming a missing
	 * contributor fails start-up.
	 */
	private static boolean databaseHealthIsOn(ConfigurableEnvironment environment) {
		ClassLoader classLoader = PoolHealthDefaultsEnvironmentPostProcessor.class.getClassLoader();
		boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return environment.getProperty("management.health.db.enabled", Boolean.class, defaults)
				&& environment.getProperty("pool.postgres.enabled", Boolean.class, true)
				&& environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, true)
				&& ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", classLoader)
				&& ClassUtils.isPresent("org.postgresql.ds.PGSimpleDataSource", classLoader);
	}

}
