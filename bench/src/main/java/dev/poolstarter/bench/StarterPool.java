package dev.poolstarter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.settings.PostgresSetting;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's own pool: a minimal non-web Spring Boot application with the starter's
 * auto-configurations, whose {@link DataSource} bean is the pool under test, sized by
 * the starter ({@code pool.postgres.max-connections=auto} unless told otherwise).
 *
 * @author pool-starter
 */
final class StarterPool {

	static final String SERVICE = "pool-starter-bench";

	private StarterPool() {
	}

	/**
	 * Start the starter's pool as the one instance of its service.
	 * @param database the server
	 * @param applicationName the pool's application_name
	 * @param overrides properties that win over the defaults here, such as
	 * {@code pool.profile} or {@code pool.postgres.max-connections}
	 * @return the started pool, closed with its context
	 */
	static BenchPool open(Database database, String applicationName, Map<String, String> overrides) {
		return open(database, applicationName, overrides, null);
	}

	/**
	 * Start the starter's pool as the one instance of its service, with a meter registry
	 * in the context, so that the starter installs its metrics as an application with
	 * Spring Boot's metrics would have them.
	 * @param database the server
	 * @param applicationName the pool's application_name
	 * @param overrides properties that win over the defaults here
	 * @param registry the registry, or {@code null} for none
	 * @return the started pool, closed with its context
	 */
	static BenchPool open(Database database, String applicationName, Map<String, String> overrides,
			@Nullable MeterRegistry registry) {
		Map<String, Object> properties = defaults(database, SERVICE);
		properties.put("pool.instances", "1");
		properties.put("pool.postgres.application-name", applicationName);
		properties.putAll(overrides);
		return start(properties, registry);
	}

	/**
	 * Start the starter's pool as one instance of a fleet: the starter names its
	 * connections {@code <service>/<instance-id>} and counts the live instances of the
	 * service on the server itself.
	 * @param database the server
	 * @param service the service ({@code spring.application.name}) of every instance
	 * @param instanceId this instance's {@code pool.instance-id}
	 * @param overrides properties that win over the defaults here
	 * @return the started pool, closed with its context
	 */
	static BenchPool openInstance(Database database, String service, String instanceId,
			Map<String, String> overrides) {
		Map<String, Object> properties = defaults(database, service);
		properties.put("pool.instance-id", instanceId);
		properties.putAll(overrides);
		return start(properties, null);
	}

	private static Map<String, Object> defaults(Database database, String service) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.dev.poolstarter", "INFO");
		properties.put("spring.application.name", service);
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.user());
		if (database.password() != null) {
			properties.put("spring.datasource.password", database.password());
		}
		properties.put("pool.profile", "prod");
		properties.put("pool.postgres.max-connections", "auto");
		return properties;
	}

	private static BenchPool start(Map<String, Object> properties, @Nullable MeterRegistry registry) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BenchApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties);
		if (registry != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("meterRegistry", registry));
		}
		ConfigurableApplicationContext context = builder.run();
		HikariDataSource dataSource = context.getBean(HikariDataSource.class);
		PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
		String reason = plan.settings().get(PostgresSetting.MAX_CONNECTIONS).origin();
		return new BenchPool(dataSource, dataSource.getMaximumPoolSize(), reason, context);
	}

	/**
	 * The application: nothing but auto-configuration, no component scan.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchApplication {

	}

}
