package dev.poolstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the generated configuration metadata that IDEs complete {@code pool.*} keys
 * from: every key has a description in Spring Boot's voice and a default, either as a
 * value or in its description, one row in the property reference, and the documentation
 * names no key that does not exist.
 */
class ConfigurationMetadataTests {

	private static final Path DOCS = Path.of("..", "docs");

	// the property reference: docs/configuration.md and the key tables it links to
	private static final List<String> PROPERTY_REFERENCE = List.of("configuration.md", "redis.md", "kafka.md",
			"shutdown-and-faults.md");

	private static final Pattern REFERENCE_ROW = Pattern.compile("^\\| `(pool\\.[a-z0-9<>.*-]+)` \\|",
			Pattern.MULTILINE);

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
			if (property.get("deprecation") instanceof Map<?, ?> deprecation) {
				assertThat((String) deprecation.get("reason")).as(name + " says why it is deprecated").isNotBlank();
				continue;
			}
			boolean hasDefault = property.containsKey("defaultValue") || description.contains("Default")
					|| ((String) property.get("type")).startsWith("java.util.Map");
			assertThat(hasDefault).as(name + " states its default").isTrue();
		}
	}

	@Test
	void propertyReferenceHasOneRowForEveryKey() throws Exception {
		Map<String, Integer> rows = new TreeMap<>();
		for (String page : PROPERTY_REFERENCE) {
			Matcher row = REFERENCE_ROW.matcher(Files.readString(DOCS.resolve(page)));
			while (row.find()) {
				// the row of `pool.services.<name>.postgres.*` documents the map pool.services
				String key = row.group(1).replaceFirst("^(pool\\.(services|profiles))\\..*", "$1");
				rows.merge(key, 1, Integer::sum);
			}
		}
		Map<String, Integer> notOnce = new TreeMap<>();
		for (String name : poolPropertyNames()) {
			int count = rows.getOrDefault(name, 0);
			if (count != 1) {
				notOnce.put(name, count);
			}
		}
		assertThat(notOnce)
			.as("keys with no row, or more than one, in the property reference (docs/%s), by rows found",
					String.join(", docs/", PROPERTY_REFERENCE))
			.isEmpty();
	}

	@Test
	void everyKeyTheDocumentationNamesExists() throws Exception {
		Set<String> names = poolPropertyNames();
		Map<String, List<String>> unknown = new TreeMap<>();
		for (Path page : documentation()) {
			// `pool.services.<name>.postgres.x` and `pool.profiles.<tier>.redis.x` are the keys of
			// pool.postgres.x and pool.redis.x; a trailing `.*` names a group
			Matcher keys = Pattern.compile("`(pool\\.[a-z0-9<>.*-]+)").matcher(Files.readString(page));
			while (keys.find()) {
				String key = keys.group(1).replaceFirst("^pool\\.(services|profiles)\\.[a-z0-9<>-]+\\.", "pool.")
					.replaceFirst("\\.\\*$", "")
					.replaceFirst("\\.$", "");
				boolean known = names.contains(key) || names.stream().anyMatch((name) -> name.startsWith(key + "."))
						|| key.equals("pool.services") || key.equals("pool.profiles") || key.contains("<");
				if (!known) {
					unknown.computeIfAbsent(page.getFileName().toString(), (file) -> new ArrayList<>()).add(keys.group(1));
				}
			}
		}
		assertThat(unknown).as("keys named in README.md and docs/ that the configuration metadata does not have")
			.isEmpty();
	}

	private List<Path> documentation() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(Path.of("..", "README.md"));
		try (Stream<Path> files = Files.list(DOCS)) {
			files.filter((file) -> file.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private Set<String> poolPropertyNames() throws Exception {
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> property : poolProperties()) {
			names.add((String) property.get("name"));
		}
		return names;
	}

	private List<Map<String, Object>> poolProperties() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<Map<String, Object>> all = JsonPath.parse(json).read("$.properties");
			return all.stream().filter((p) -> ((String) p.get("name")).startsWith("pool.")).toList();
		}
	}

}
