package dev.poolstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code env} and {@code configprops} endpoints of a real context, showing values,
 * for every key that can hold a database URL with credentials: the replicas as one
 * comma-separated value, as list elements and as environment variables, service and
 * profile entries, and {@code DATABASE_URL}-style variables.
 */
class CredentialsInEndpointsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class, CredentialsSanitizingAutoConfiguration.class))
		.withUserConfiguration(BindPoolProperties.class)
		.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"pool.profile=prod");

	@Test
	void replicaUrlsInOneCommaSeparatedValueAreMaskedEachOnItsOwn() {
		this.contextRunner
			.withPropertyValues("pool.postgres.replicas=postgresql://app:rep1-secret@replica1:5432/orders,"
					+ "jdbc:postgresql://replica2:5432/orders?user=app&password=rep2-secret")
			.run((context) -> {
				assertThat(env(context, "pool.postgres.replicas"))
					.isEqualTo("postgresql://app:****@replica1:5432/orders,"
							+ "jdbc:postgresql://replica2:5432/orders?user=app&password=****");
				assertThat(configprops(context)).contains("postgresql://app:****@replica1:5432/orders",
						"jdbc:postgresql://replica2:5432/orders?user=app&password=****");
				assertNowhere(context, "rep1-secret", "rep2-secret");
			});
	}

	@Test
	void replicaUrlsAsListElementsAreMasked() {
		this.contextRunner
			.withPropertyValues("pool.postgres.replicas[0]=postgres://app:rep1-secret@replica1/orders",
					"pool.postgres.replicas[1]=postgresql://app:rep,2@secret@replica2/orders")
			.run((context) -> {
				assertThat(env(context, "pool.postgres.replicas[0]")).isEqualTo("postgres://app:****@replica1/orders");
				assertThat(env(context, "pool.postgres.replicas[1]"))
					.isEqualTo("postgresql://app:****@replica2/orders");
				assertThat(configprops(context)).contains("postgres://app:****@replica1/orders",
						"postgresql://app:****@replica2/orders");
				assertNowhere(context, "rep1-secret", "rep,2@secret");
			});
	}

	@Test
	void replicaUrlsAndDatabaseUrlsFromEnvironmentVariablesAreMasked() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("POOL_POSTGRES_REPLICAS_0", "postgresql://app:env-rep-secret@replica1/orders",
							"DATABASE_URL", "postgresql://app:env-db-secret@db/orders?connection_limit=8",
							"READ_REPLICA_URLS",
							"postgresql://app:env-list-1@r1/orders postgresql://app:env-list-2@r2/orders",
							"JAVA_TOOL_OPTIONS",
							"-Dspring.datasource.url=jdbc:postgresql://db/orders?password=env-cmd"))))
			.run((context) -> {
				assertThat(env(context, "POOL_POSTGRES_REPLICAS_0")).isEqualTo("postgresql://app:****@replica1/orders");
				assertThat(env(context, "DATABASE_URL"))
					.isEqualTo("postgresql://app:****@db/orders?connection_limit=8");
				assertThat(env(context, "READ_REPLICA_URLS"))
					.isEqualTo("postgresql://app:****@r1/orders postgresql://app:****@r2/orders");
				assertThat(env(context, "JAVA_TOOL_OPTIONS"))
					.isEqualTo("-Dspring.datasource.url=jdbc:postgresql://db/orders?password=****");
				assertThat(configprops(context)).contains("postgresql://app:****@replica1/orders");
				assertNowhere(context, "env-rep-secret", "env-db-secret", "env-list-1", "env-list-2", "env-cmd");
			});
	}

	@Test
	void urlsInServiceAndProfileEntriesAreMasked() {
		this.contextRunner
			.withPropertyValues("pool.services.orders.redis.url=redis://default:svc-secret@cache:6379",
					"pool.profiles.prod.redis.url=rediss://tier-secret@cache:6380",
					"pool.postgres.url=postgresql://app:url-secret@db/orders",
					"pool.postgres.pgbouncer-admin-url=postgresql://stats:admin-secret@pgbouncer:6432/pgbouncer",
					"pool.postgres.password=plain-secret")
			.run((context) -> {
				assertThat(env(context, "pool.services.orders.redis.url")).isEqualTo("redis://default:****@cache:6379");
				assertThat(env(context, "pool.profiles.prod.redis.url")).isEqualTo("rediss://****@cache:6380");
				assertThat(configprops(context)).contains("redis://default:****@cache:6379", "rediss://****@cache:6380",
						"postgresql://app:****@db/orders", "postgresql://stats:****@pgbouncer:6432/pgbouncer");
				assertNowhere(context, "svc-secret", "tier-secret", "url-secret", "admin-secret", "plain-secret");
			});
	}

	private static void assertNowhere(AssertableApplicationContext context, String... secrets) {
		assertThat(context).hasNotFailed();
		List<String> shown = new ArrayList<>();
		env(context).forEach((name, value) -> shown.add("env " + name + "=" + value));
		configprops(context).forEach((value) -> shown.add("configprops " + value));
		for (String secret : secrets) {
			assertThat(shown).as("values that show '%s'", secret)
				.filteredOn((value) -> value.contains(secret))
				.isEmpty();
		}
	}

	private static @Nullable Object env(AssertableApplicationContext context, String name) {
		return env(context).get(name);
	}

	private static Map<String, Object> env(AssertableApplicationContext context) {
		Map<String, Object> values = new LinkedHashMap<>();
		context.getBean(EnvironmentEndpoint.class)
			.environment(null)
			.getPropertySources()
			.forEach((source) -> source.getProperties()
				.forEach((name, value) -> values.putIfAbsent(name, value.getValue())));
		return values;
	}

	private static List<String> configprops(AssertableApplicationContext context) {
		List<String> leaves = new ArrayList<>();
		context.getBean(ConfigurationPropertiesReportEndpoint.class)
			.configurationProperties()
			.getContexts()
			.values()
			.forEach((described) -> described.getBeans().values().forEach((bean) -> {
				collect(bean.getProperties(), leaves);
				collect(bean.getInputs(), leaves);
			}));
		assertThat(leaves).as("configprops shows the pool properties").isNotEmpty();
		return leaves;
	}

	private static void collect(Object value, List<String> leaves) {
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((entry) -> collect(entry, leaves));
		}
		else if (value instanceof Iterable<?> iterable) {
			iterable.forEach((entry) -> collect(entry, leaves));
		}
		else if (value != null) {
			leaves.add(value.toString());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PoolProperties.class)
	static class BindPoolProperties {

	}

}
