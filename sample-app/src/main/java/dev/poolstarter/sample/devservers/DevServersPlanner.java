package dev.poolstarter.sample.devservers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides where each server comes from, independently: configured, else a server on its
 * local port, else Docker Compose when Docker runs, else embedded.
 *
 * @author pool-starter
 */
final class DevServersPlanner {

	private final DevServerProbes probes;

	private final @Nullable ComposeFile composeFile;

	DevServersPlanner(DevServerProbes probes, @Nullable ComposeFile composeFile) {
		this.probes = probes;
		this.composeFile = composeFile;
	}

	/**
	 * Return one choice per server, in {@link DevServer} order.
	 */
	List<Choice> plan(Environment environment, DevServersMode mode) {
		List<Choice> choices = new ArrayList<>();
		List<DevServer> missing = new ArrayList<>();
		for (DevServer server : DevServer.values()) {
			String key = configuredBy(environment, server);
			if (key != null) {
				choices.add(Choice.configured(server, key));
			}
			else if (mode == DevServersMode.AUTO && this.probes.answers(server.localPort())) {
				choices.add(Choice.of(server, Choice.Source.LOCAL));
			}
			else {
				missing.add(server);
			}
		}
		Choice.Source source = startedBy(mode, missing);
		missing.forEach((server) -> choices.add(Choice.of(server, source)));
		choices.sort((left, right) -> left.server().compareTo(right.server()));
		return choices;
	}

	private Choice.Source startedBy(DevServersMode mode, List<DevServer> missing) {
		boolean compose = mode == DevServersMode.AUTO && !missing.isEmpty() && this.composeFile != null
				&& this.probes.dockerRuns();
		return (compose) ? Choice.Source.DOCKER_COMPOSE : Choice.Source.EMBEDDED;
	}

	/**
	 * Return the first key that names the server, or {@code null}. Environment variable
	 * names are read as they are; property names through the binder, so that
	 * {@code SPRING_DATASOURCE_URL} and indexed lists count too.
	 */
	static @Nullable String configuredBy(Environment environment, DevServer server) {
		Binder binder = Binder.get(environment);
		for (String key : server.addressKeys()) {
			if (isSet(environment, binder, key)) {
				return key;
			}
		}
		return null;
	}

	private static boolean isSet(Environment environment, Binder binder, String key) {
		if (isEnvironmentVariable(key)) {
			return StringUtils.hasText(environment.getProperty(key));
		}
		return binder.bind(key, Bindable.listOf(String.class))
			.map((values) -> values.stream().anyMatch(StringUtils::hasText))
			.orElse(false);
	}

	private static boolean isEnvironmentVariable(String key) {
		return key.equals(key.toUpperCase(Locale.ROOT));
	}

}
