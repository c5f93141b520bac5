package dev.poolstarter.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the generated configuration metadata that IDEs complete {@code pool.*} keys
 * from: every key has a description in Spring Boot's voice and a default, either as a
 * value or in its description.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPoolKeyHasDescriptionAndDefault() throws Exception {
		List<Map<String, Object>> properties = poolProperties();
		assertThat(properties).extracting((p) -> p.get("name"))
			.contains("pool.profile", "pool.service", "pool.instances", "pool.postgres.url",
					"pool.postgres.max-connections", "pool.postgres.budget", "pool.postgres.budget-check",
					"pool.postgres.statement-timeout", "pool.services", "pool.profiles");
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			String description = (String) property.get("description");
			assertThat(description).as(name).isNotBlank().doesNotStartWith("The ").doesNotStartWith("A ");
			boolean hasDefault = property.containsKey("defaultValue") || description.contains("Default")
					|| ((String) property.get("type")).startsWith("java.util.Map");
			assertThat(hasDefault).as(name + " states its default").isTrue();
		}
	}

	@Test
	void readmeNamesEveryKey() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		for (Map<String, Object> property : poolProperties()) {
			assertThat(readme).as("README.md documents it").contains("`" + property.get("name"));
		}
	}

	@Test
	void everyKeyTheReadmeNamesExists() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> property : poolProperties()) {
			names.add((String) property.get("name"));
		}
		// `pool.services.<name>.postgres.x` and `pool.profiles.<tier>.redis.x` are the keys of
		// pool.postgres.x and pool.redis.x; a trailing `.*` names a group
		Matcher keys = Pattern.compile("`(pool\\.[a-z0-9<>.*-]+)").matcher(readme);
		List<String> unknown = new ArrayList<>();
		while (keys.find()) {
			String key = keys.group(1).replaceFirst("^pool\\.(services|profiles)\\.[a-z0-9<>-]+\\.", "pool.")
				.replaceFirst("\\.\\*$", "")
				.replaceFirst("\\.$", "");
			boolean known = names.contains(key) || names.stream().anyMatch((name) -> name.startsWith(key + "."))
					|| key.equals("pool.services") || key.equals("pool.profiles") || key.contains("<");
			if (!known) {
				unknown.add(keys.group(1));
			}
		}
		assertThat(unknown).as("keys named in README.md that the configuration metadata does not have").isEmpty();
	}

	private List<Map<String, Object>> poolProperties() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<Map<String, Object>> all = JsonPath.parse(json).read("$.properties");
			return all.stream().filter((p) -> ((String) p.get("name")).startsWith("pool.")).toList();
		}
	}

}
