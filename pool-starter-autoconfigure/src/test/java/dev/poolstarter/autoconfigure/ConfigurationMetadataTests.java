package dev.poolstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.plain.internals.PlainSaslServer;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.api.Test;

import dev.poolstarter.kafka.KafkaClientsPlanner;
import dev.poolstarter.kafka.KafkaSetting;
import dev.poolstarter.kafka.KafkaSettings;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.redis.RedisProfiles;
import dev.poolstarter.redis.RedisSetting;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ProfileSelection;
import dev.poolstarter.settings.PropertyLayers;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import static dev.poolstarter.settings.DurationFormat.formatValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the generated configuration metadata that IDEs complete {@code pool.*} keys
 * from: every key has a description in Spring Boot's voice and a default, either as a
 * value or in its description, one row in the property reference, and the documentation
 * names no key that does not exist. Every fixed default is declared as a value, read
 * from the starter itself: the properties bound from an empty environment, the switches
 * of the auto-configurations, and the layered values that every built-in profile
 * resolves alike; a default that differs by profile is declared nowhere and its
 * description says so. Keys with a closed set of string values hint exactly the values
 * that are accepted, and the property reference shows the declared defaults.
 */
class ConfigurationMetadataTests {

	private static final Path DOCS = Path.of("..", "docs");

	// the property reference: docs/configuration.md and the key tables it links to
	private static final List<String> PROPERTY_REFERENCE = List.of("configuration.md", "redis.md", "kafka.md",
			"shutdown-and-faults.md");

	private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s,`()]+");

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
	void everyFixedDefaultIsDeclared() throws Exception {
		Map<String, Object> fixed = fixedDefaults();
		assertThat(fixed).containsKeys("pool.postgres.validation-timeout", "pool.postgres.pgbouncer",
				"pool.redis.reconnect-delay", "pool.kafka.enabled", "pool.kafka.producer.acks",
				"pool.shutdown.timeout");
		Map<String, String> wrong = new TreeMap<>();
		for (Map<String, Object> property : poolProperties()) {
			String name = (String) property.get("name");
			Object expected = fixed.remove(name);
			if (property.get("deprecation") instanceof Map<?, ?>) {
				continue;
			}
			Object declared = property.get("defaultValue");
			if (expected == null && declared != null) {
				wrong.put(name, "declares " + declared + " but has no fixed default");
			}
			else if (expected != null && declared == null) {
				wrong.put(name, "declares no default but has " + formatValue(expected));
			}
			else if (expected != null && !expected.equals(convert(declared, typeOf(expected)))) {
				wrong.put(name, "declares " + declared + " but has " + formatValue(expected));
			}
		}
		fixed.forEach((name, value) -> wrong.put(name, "has " + formatValue(value) + " but no metadata"));
		assertThat(wrong).as("fixed defaults missing from, or wrong in, the configuration metadata: add them to the "
				+ "field initializer or to additional-spring-configuration-metadata.json").isEmpty();
	}

	@Test
	void defaultsThatDependOnTheProfileSaySo() throws Exception {
		Map<String, Map<String, Object>> metadata = propertiesByName();
		Set<String> byProfile = new TreeSet<>();
		layeredDefaults().forEach((name, values) -> {
			if (!values.isEmpty() && !isFixed(values)) {
				byProfile.add(name);
			}
		});
		assertThat(byProfile).contains("pool.postgres.max-connections", "pool.redis.command-timeout",
				"pool.kafka.producer.linger");
		Map<String, Object> silent = new TreeMap<>();
		for (String name : byProfile) {
			Map<String, Object> property = metadata.get(name);
			String description = (property != null) ? (String) property.get("description") : "no metadata";
			if (!description.contains("profile")) {
				silent.put(name, description);
			}
		}
		assertThat(silent).as("keys whose default depends on the profile, by a description that does not say so")
			.isEmpty();
	}

	@Test
	void closedSetKeysHintExactlyTheAcceptedValues() throws Exception {
		Map<String, Set<String>> accepted = new TreeMap<>();
		accepted.put("pool.profile", new TreeSet<>(BuiltInProfile.profileNames()));
		accepted.put(kafkaKey(KafkaSetting.ACKS), clientValues(KafkaSetting.ACKS));
		accepted.put(kafkaKey(KafkaSetting.COMPRESSION), clientValues(KafkaSetting.COMPRESSION));
		accepted.put(kafkaKey(KafkaSetting.SECURITY_PROTOCOL), clientValues(KafkaSetting.SECURITY_PROTOCOL));
		accepted.put(kafkaKey(KafkaSetting.SASL_MECHANISM), saslMechanisms());
		Map<String, Set<String>> hinted = hints();
		Map<String, Set<String>> wrong = new TreeMap<>();
		accepted.forEach((name, values) -> {
			if (!values.equals(hinted.get(name))) {
				wrong.put(name, hinted.get(name));
			}
		});
		assertThat(wrong).as("hints that differ from the accepted values %s", accepted).isEmpty();
		Map<String, Map<String, Object>> metadata = propertiesByName();
		for (String name : hinted.keySet()) {
			assertThat(metadata).as("hinted key").containsKey(name);
			Class<?> type = valueType(metadata.get(name));
			assertThat(type != null && type.isEnum()).as(name + " is an enum, whose values IDEs know already")
				.isFalse();
		}
	}

	@Test
	void propertyReferenceShowsTheDeclaredDefaults() throws Exception {
		Map<String, Map<String, Object>> metadata = propertiesByName();
		Map<String, Map<BuiltInProfile, Object>> layered = layeredDefaults();
		Map<String, String> wrong = new TreeMap<>();
		for (String page : PROPERTY_REFERENCE) {
			List<String> header = null;
			for (String line : Files.readAllLines(DOCS.resolve(page))) {
				if (!line.startsWith("|")) {
					header = null;
					continue;
				}
				List<String> cells = cells(line);
				if (header == null) {
					header = cells;
					continue;
				}
				Map<String, Object> property = metadata.get(cells.get(0).replace("`", ""));
				Class<?> type = (property != null) ? valueType(property) : null;
				if (type == null) {
					continue;
				}
				String name = (String) property.get("name");
				for (int i = 1; i < Math.min(header.size(), cells.size()); i++) {
					Object expected = shownValue(header.get(i), property, layered.get(name), type);
					if (expected != null && !shows(cells.get(i), expected, type)) {
						wrong.put(page + " " + name + " (" + header.get(i) + ")",
								cells.get(i) + " instead of " + formatValue(expected));
					}
				}
			}
		}
		assertThat(wrong).as("defaults in the property reference that differ from the starter's").isEmpty();
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

	/**
	 * Return every fixed default by key: what binding an empty environment leaves in the
	 * properties, what the auto-configurations' switches assume when a key is missing,
	 * and the layered values that every built-in profile resolves alike.
	 */
	private Map<String, Object> fixedDefaults() throws Exception {
		Map<String, Object> defaults = new TreeMap<>(boundDefaults(poolPropertyNames()));
		switchDefaults().forEach((name, value) -> {
			Object bound = defaults.putIfAbsent(name, value);
			assertThat(bound).as(name + ": the bound default and the condition's agree").isIn(null, value);
		});
		layeredDefaults().forEach((name, values) -> {
			if (isFixed(values)) {
				assertThat(defaults.put(name, values.values().iterator().next())).as(name + " is bound and layered")
					.isNull();
			}
		});
		return defaults;
	}

	private static Map<String, Object> boundDefaults(Set<String> names) {
		PoolProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("pool",
				PoolProperties.class);
		BeanWrapper wrapper = new BeanWrapperImpl(properties);
		Map<String, Object> defaults = new TreeMap<>();
		for (String name : names) {
			String path = Arrays.stream(name.substring("pool.".length()).split("\\."))
				.map(ConfigurationMetadataTests::camelCase)
				.collect(Collectors.joining("."));
			Object value = wrapper.isReadableProperty(path) ? wrapper.getPropertyValue(path) : null;
			boolean empty = value == null || (value instanceof Collection<?> collection && collection.isEmpty())
					|| value instanceof Map<?, ?>;
			if (!empty) {
				defaults.put(name, value);
			}
		}
		return defaults;
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		for (String part : kebab.split("-")) {
			camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return camel.toString();
	}

	/**
	 * Return what each {@code pool.*} switch of the auto-configurations means when it is
	 * missing.
	 */
	private static Map<String, Boolean> switchDefaults() throws Exception {
		Map<String, Boolean> defaults = new TreeMap<>();
		ClassLoader classLoader = ConfigurationMetadataTests.class.getClassLoader();
		for (String name : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (name.startsWith("dev.poolstarter.")) {
				addSwitches(ClassUtils.forName(name, classLoader), defaults);
			}
		}
		return defaults;
	}

	private static void addSwitches(Class<?> type, Map<String, Boolean> defaults) {
		List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
		elements.addAll(Arrays.asList(type.getDeclaredMethods()));
		for (AnnotatedElement element : elements) {
			for (ConditionalOnBooleanProperty condition : AnnotatedElementUtils
				.findMergedRepeatableAnnotations(element, ConditionalOnBooleanProperty.class)) {
				String prefix = condition.prefix().isEmpty() ? "" : condition.prefix().replaceFirst("\\.$", "") + ".";
				String[] names = (condition.name().length > 0) ? condition.name() : condition.value();
				boolean whenMissing = condition.matchIfMissing() == condition.havingValue();
				for (String name : names) {
					if ((prefix + name).startsWith("pool.")) {
						Boolean other = defaults.put(prefix + name, whenMissing);
						assertThat(other).as(prefix + name + " means the same when missing on " + element).isIn(null,
								whenMissing);
					}
				}
			}
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			addSwitches(nested, defaults);
		}
	}

	/**
	 * Return, for every layered key, the value each built-in profile resolves with
	 * nothing set: from its table, else from the client library's defaults. Values the
	 * Kafka planner derives from the service and instance are left out.
	 */
	private static Map<String, Map<BuiltInProfile, Object>> layeredDefaults() {
		Map<String, Map<BuiltInProfile, Object>> defaults = new TreeMap<>();
		for (BuiltInProfile profile : BuiltInProfile.values()) {
			add(defaults, "pool.postgres.", profile, ResolvedSettings.resolve(PostgresSetting.ALL,
					List.of(PostgresProfiles.builtIn(profile), PostgresProfiles.libraryDefaults())).byKey());
			add(defaults, "pool.redis.", profile, ResolvedSettings.resolve(RedisSetting.ALL,
					List.of(RedisProfiles.builtIn(profile), RedisProfiles.libraryDefaults())).byKey());
			Map<String, Resolved<?>> kafka = kafkaDefaults(profile, "orders", "1");
			Map<String, Resolved<?>> otherInstance = kafkaDefaults(profile, "billing", "2");
			kafka.keySet().removeIf((key) -> !Objects.equals(kafka.get(key).value(), otherInstance.get(key).value()));
			add(defaults, "pool.kafka.", profile, kafka);
		}
		return defaults;
	}

	private static Map<String, Resolved<?>> kafkaDefaults(BuiltInProfile profile, String service, String instance) {
		Layer<KafkaSettings> unset = Layer.named("unset", new KafkaSettings());
		ProfileSelection selection = new ProfileSelection(profile, "test", service, "test", instance);
		return KafkaClientsPlanner.plan(selection, new PropertyLayers<>(unset, unset, unset), null, unset)
			.settings()
			.byKey();
	}

	private static void add(Map<String, Map<BuiltInProfile, Object>> defaults, String prefix, BuiltInProfile profile,
			Map<String, Resolved<?>> resolved) {
		resolved.forEach((key, value) -> {
			Map<BuiltInProfile, Object> values = defaults.computeIfAbsent(prefix + key,
					(name) -> new LinkedHashMap<>());
			if (value.value() != null) {
				values.put(profile, value.value());
			}
		});
	}

	private static boolean isFixed(Map<BuiltInProfile, Object> values) {
		return values.size() == BuiltInProfile.values().length && new HashSet<>(values.values()).size() == 1;
	}

	private static String kafkaKey(KafkaSetting<?> setting) {
		return "pool.kafka." + setting.key();
	}

	/**
	 * Return the values the Kafka clients' own validator of a setting accepts.
	 */
	private static Set<String> clientValues(KafkaSetting<?> setting) {
		ConfigDef.Validator validator = ProducerConfig.configDef().configKeys().get(setting.kafkaKey()).validator;
		Matcher list = Pattern.compile("\\[(.*)]").matcher(String.valueOf(validator));
		assertThat(list.find()).as("the values %s accepts, listed by %s", setting.kafkaKey(), validator).isTrue();
		return new TreeSet<>(Arrays.asList(list.group(1).split(", ")));
	}

	/**
	 * Return the SASL mechanisms the Kafka clients implement; the client does not
	 * validate sasl.mechanism itself.
	 */
	private static Set<String> saslMechanisms() {
		Set<String> mechanisms = new TreeSet<>(ScramMechanism.mechanismNames());
		mechanisms.addAll(List.of(PlainSaslServer.PLAIN_MECHANISM, SaslConfigs.GSSAPI_MECHANISM,
				OAuthBearerLoginModule.OAUTHBEARER_MECHANISM));
		return mechanisms;
	}

	private Map<String, Set<String>> hints() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<Map<String, Object>> all = JsonPath.parse(json).read("$.hints");
			Map<String, Set<String>> hints = new TreeMap<>();
			for (Map<String, Object> hint : all) {
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> values = (List<Map<String, Object>>) hint.get("values");
				hints.put((String) hint.get("name"), values.stream()
					.map((value) -> String.valueOf(value.get("value")))
					.collect(Collectors.toCollection(TreeSet::new)));
			}
			return hints;
		}
	}

	private static List<String> cells(String row) {
		String inner = row.strip().replaceFirst("^\\|", "").replaceFirst("\\|$", "");
		return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
	}

	/**
	 * Return the value a column of the property reference shows for a key: the declared
	 * default in a "default" column, a profile's value in the column named after it.
	 */
	private static Object shownValue(String column, Map<String, Object> property,
			Map<BuiltInProfile, Object> byProfile, Class<?> type) {
		if (column.equalsIgnoreCase("default")) {
			Object declared = property.get("defaultValue");
			return (declared != null) ? convert(declared, type) : null;
		}
		for (BuiltInProfile profile : BuiltInProfile.values()) {
			if (profile.profileName().equals(column) && byProfile != null) {
				return byProfile.get(profile);
			}
		}
		return null;
	}

	private static boolean shows(String cell, Object expected, Class<?> type) {
		for (String token : TOKEN_SEPARATORS.split(cell)) {
			try {
				if (!token.isEmpty() && expected.equals(convert(token, type))) {
					return true;
				}
			}
			catch (RuntimeException ex) {
				// not a value of this type, such as a word of prose
			}
		}
		return false;
	}

	private static Object convert(Object value, Class<?> type) {
		return ApplicationConversionService.getSharedInstance().convert(value, type);
	}

	private static Class<?> typeOf(Object value) {
		return (value instanceof Enum<?> constant) ? constant.getDeclaringClass() : value.getClass();
	}

	private static Class<?> valueType(Map<String, Object> property) {
		String type = (String) property.get("type");
		try {
			return (type != null && !type.contains("<")) ? ClassUtils.forName(type, null) : null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private Map<String, Map<String, Object>> propertiesByName() throws Exception {
		Map<String, Map<String, Object>> byName = new TreeMap<>();
		for (Map<String, Object> property : poolProperties()) {
			byName.put((String) property.get("name"), property);
		}
		return byName;
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
