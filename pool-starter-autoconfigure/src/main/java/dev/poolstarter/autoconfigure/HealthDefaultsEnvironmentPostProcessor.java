package dev.poolstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Adds the health settings the starter's statuses need, as defaults that any property
 * the application sets overrides: DEGRADED ordered between UP and DOWN (Spring Boot's
 * aggregator ignores statuses missing from the order) and served with HTTP 200, DOWN and
 * OUT_OF_SERVICE served with HTTP 503, and the database in the readiness group, never in
 * liveness.
 * <p>
 * Spring Boot's status-to-HTTP mapper uses its built-in mapping (DOWN and OUT_OF_SERVICE
 * to 503) only while no mapping is configured at all: one configured key replaces the
 * built-in ones. So every status a probe relies on is added, for the endpoint and for
 * each group that configures a mapping of its own, unless the application maps that
 * status itself.
 *
 * @author pool-starter
 */
class HealthDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "poolStarterHealthDefaults";

	private static final String HEALTH = "management.endpoint.health";

	private static final Map<String, String> STATUS_CODES = statusCodes();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(HEALTH + ".status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		addStatusCodes(binder, HEALTH + ".status.http-mapping", defaults);
		binder.bind(HEALTH + ".group", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.keySet()
			.forEach((group) -> {
				String mapping = HEALTH + ".group." + group + ".status.http-mapping";
				if (!configuredStatuses(binder, mapping).isEmpty()) {
					addStatusCodes(binder, mapping, defaults);
				}
			});
		if (databaseHealthIsOn(environment)) {
			defaults.put(HEALTH + ".group.readiness.include", "readinessState,db");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	private static void addStatusCodes(Binder binder, String mapping, Map<String, Object> defaults) {
		Set<String> configured = configuredStatuses(binder, mapping);
		STATUS_CODES.forEach((status, code) -> {
			if (!configured.contains(uniform(status))) {
				defaults.put(mapping + "." + status, code);
			}
		});
	}

	/**
	 * Return the statuses a mapping configures, in the form Spring Boot compares them:
	 * {@code out-of-service} and {@code OUT_OF_SERVICE} are one status.
	 */
	private static Set<String> configuredStatuses(Binder binder, String mapping) {
		return binder.bind(mapping, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.keySet()
			.stream()
			.map(HealthDefaultsEnvironmentPostProcessor::uniform)
			.collect(Collectors.toSet());
	}

	private static String uniform(String status) {
		return status.codePoints()
			.filter(Character::isLetterOrDigit)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.toLowerCase(Locale.ROOT);
	}

	private static Map<String, String> statusCodes() {
		Map<String, String> codes = new LinkedHashMap<>();
		codes.put("DOWN", "503");
		codes.put("OUT_OF_SERVICE", "503");
		codes.put("DEGRADED", "200");
		return codes;
	}

	/**
	 * Whether the {@code db} contributor will exist; a readiness group naming a missing
	 * contributor fails start-up.
	 */
	private static boolean databaseHealthIsOn(ConfigurableEnvironment environment) {
		ClassLoader classLoader = HealthDefaultsEnvironmentPostProcessor.class.getClassLoader();
		boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return environment.getProperty("management.health.db.enabled", Boolean.class, defaults)
				&& environment.getProperty("pool.postgres.enabled", Boolean.class, true)
				&& environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, true)
				&& ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", classLoader)
				&& ClassUtils.isPresent("org.postgresql.ds.PGSimpleDataSource", classLoader);
	}

}
