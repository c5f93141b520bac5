package dev.poolstarter.sample.devservers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The properties that point the application at the servers the sample found or started,
 * and that tell Spring Boot's Docker Compose support what to run, if anything.
 *
 * @author pool-starter
 */
final class DevServersProperties {

	static final String COMPOSE_ENABLED = "spring.docker.compose.enabled";

	private DevServersProperties() {
	}

	static Map<String, Object> of(List<Choice> choices, DevServers servers, @Nullable ComposeFile composeFile) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (Choice choice : choices) {
			properties.putAll(connection(choice, servers));
		}
		properties.putAll(compose(choices, composeFile));
		return properties;
	}

	/**
	 * Return what keeps Spring Boot's Docker Compose support from running compose.yaml on
	 * its own: every service in it sits behind a profile that only the dev servers pick.
	 */
	static Map<String, Object> composeDisabled() {
		return Map.of(COMPOSE_ENABLED, false);
	}

	private static Map<String, Object> connection(Choice choice, DevServers servers) {
		DevServer server = choice.server();
		return switch (choice.source()) {
			case CONFIGURED -> Map.of();
			case LOCAL -> server.connectionProperties(Address.loopback(server.localPort()));
			case DOCKER_COMPOSE -> server.composeProperties();
			case EMBEDDED -> {
				EmbeddedServer embedded = servers.get(server);
				yield (embedded != null) ? embedded(server, embedded) : Map.of();
			}
		};
	}

	private static Map<String, Object> embedded(DevServer server, EmbeddedServer embedded) {
		Map<String, Object> properties = new LinkedHashMap<>(server.connectionProperties(embedded.address()));
		embedded.quietLoggers().forEach((logger) -> properties.put("logging.level." + logger, "warn"));
		return properties;
	}

	private static Map<String, Object> compose(List<Choice> choices, @Nullable ComposeFile composeFile) {
		String profiles = choices.stream()
			.filter((choice) -> choice.source() == Choice.Source.DOCKER_COMPOSE)
			.map((choice) -> choice.server().id())
			.collect(Collectors.joining(","));
		if (profiles.isEmpty() || composeFile == null) {
			return composeDisabled();
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(COMPOSE_ENABLED, true);
		properties.put("spring.docker.compose.file", composeFile.path().toString());
		properties.put("spring.docker.compose.profiles.active", profiles);
		return properties;
	}

}
