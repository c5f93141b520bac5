package dev.poolstarter.autoconfigure.jdbc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

	private List<Map<String, Object>> poolProperties() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<Map<String, Object>> all = JsonPath.parse(json).read("$.properties");
			return all.stream().filter((p) -> ((String) p.get("name")).startsWith("pool.")).toList();
		}
	}

}
