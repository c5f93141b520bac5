package dev.poolstarter.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the database initializers of the context that run against the application's
 * database while the context starts ({@code spring.sql.init} scripts with mode
 * {@code always}, Flyway, Liquibase), so that start-up does not go on without a database
 * they need.
 *
 * @author pool-starter
 */
public class DatabaseInitializers {

	private static final String SCRIPT_INITIALIZER = "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer";

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

	private static final List<String> COMPOSE_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
			"docker-compose.yml");

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	private final ResourcePatternResolver resources;

	public DatabaseInitializers(ListableBeanFactory beanFactory, Environment environment, ResourcePatternResolver resources) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.resources = resources;
	}

	/**
	 * Return the initializers that need the application's database while the context
	 * starts.
	 * @return the initializers, none when start-up can go on without the database
	 */
	List<DatabaseUnreachableException.Initializer> needingTheDatabase() {
		List<DatabaseUnreachableException.Initializer> initializers = new ArrayList<>();
		List<String> scripts = sqlInitScripts();
		if (!scripts.isEmpty()) {
			initializers.add(new DatabaseUnreachableException.Initializer(
					"spring.sql.init (spring.sql.init.mode=always: " + String.join(", ", scripts) + ")",
					"spring.sql.init.mode=never"));
		}
		addMigrations(initializers, FLYWAY, "Flyway", "spring.flyway");
		addMigrations(initializers, LIQUIBASE, "Liquibase", "spring.liquibase");
		return initializers;
	}

	/**
	 * Return the command that starts the database of a Docker Compose file in the
	 * working directory, or named by {@code spring.docker.compose.file}.
	 * @return the command or {@code null}
	 */
	@Nullable String composeCommand() {
		String configured = this.environment.getProperty("spring.docker.compose.file");
		if (StringUtils.hasText(configured)) {
			return "docker compose -f " + configured + " up -d";
		}
		for (String name : COMPOSE_FILES) {
			if (Files.isRegularFile(Path.of(name))) {
				return "docker compose -f " + name + " up -d";
			}
		}
		return null;
	}

	private List<String> sqlInitScripts() {
		String mode = property("spring.sql.init.mode");
		if (beanNames(SCRIPT_INITIALIZER).isEmpty() || mode == null || !mode.trim().equalsIgnoreCase("always")) {
			return List.of();
		}
		List<String> scripts = new ArrayList<>();
		scripts.addAll(locations("schema"));
		scripts.addAll(locations("data"));
		return scripts;
	}

	/**
	 * Return the scripts spring.sql.init runs: the configured locations, else those of
	 * its default locations that exist.
	 */
	private List<String> locations(String kind) {
		Binder binder = Binder.get(this.environment);
		List<String> configured = binder.bind("spring.sql.init." + kind + "-locations", Bindable.listOf(String.class))
			.orElse(List.of());
		if (!configured.isEmpty()) {
			return configured;
		}
		String platform = binder.bind("spring.sql.init.platform", String.class).orElse("all");
		Set<String> found = new LinkedHashSet<>();
		for (String name : List.of(kind + "-" + platform + ".sql", kind + ".sql")) {
			for (Resource resource : resources("classpath*:" + name)) {
				if (resource.exists()) {
					found.add(name);
				}
			}
		}
		return List.copyOf(found);
	}

	private Resource[] resources(String pattern) {
		try {
			return this.resources.getResources(pattern);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Add Flyway or Liquibase when one of their beans migrates the application's
	 * database: with its own {@code url} it connects by itself, past the pool.
	 */
	private void addMigrations(List<DatabaseUnreachableException.Initializer> initializers, String type,
			String name, String prefix) {
		List<String> beans = beanNames(type);
		if (!beans.isEmpty() && !StringUtils.hasText(property(prefix + ".url"))) {
			initializers.add(new DatabaseUnreachableException.Initializer(
					name + " (bean " + String.join(", ", beans.stream().map((bean) -> "'" + bean + "'").toList())
							+ ")",
					prefix + ".enabled=false"));
		}
	}

	private List<String> beanNames(String typeName) {
		ClassLoader classLoader = this.resources.getClassLoader();
		if (!ClassUtils.isPresent(typeName, classLoader)) {
			return List.of();
		}
		return List.of(this.beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(typeName, classLoader), true,
				false));
	}

	private @Nullable String property(String name) {
		return Binder.get(this.environment).bind(name, String.class).orElse(null);
	}

}
