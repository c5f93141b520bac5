package dev.poolstarter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

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

	private StarterPool() {
	}

	/**
	 * Start the starter's pool.
	 * @param database the server
	 * @param applicationName the pool's application_name
	 * @param overrides properties that win over the defaults here, such as
	 * {@code pool.profile} or {@code pool.postgres.max-connections}
	 * @return the started pool, closed with its context
	 */
	static BenchPool open(Database database, String applicationName, Map<String, String> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.dev.poolstarter", "INFO");
		properties.put("spring.application.name", "pool-starter-bench");
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.user());
		if (database.password() != null) {
			properties.put("spring.datasource.password", database.password());
		}
		properties.put("pool.profile", "prod");
		properties.put("pool.instances", "1");
		properties.put("pool.postgres.max-connections", "auto");
		properties.put("pool.postgres.application-name", applicationName);
		properties.putAll(overrides);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run();
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
