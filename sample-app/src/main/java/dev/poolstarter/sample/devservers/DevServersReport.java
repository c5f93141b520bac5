package dev.poolstarter.sample.devservers;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The start-up block that says, per server, where it comes from. It names a configuring
 * key but never its value, which may hold a password.
 *
 * @author pool-starter
 */
final class DevServersReport {

	private DevServersReport() {
	}

	static String of(DevServersMode mode, List<Choice> choices, DevServers servers,
			@Nullable ComposeFile composeFile) {
		StringBuilder report = new StringBuilder("Dev servers (sample.dev-servers.mode=")
			.append(mode.name().toLowerCase(Locale.ROOT))
			.append("):");
		for (Choice choice : choices) {
			report.append(String.format("%n  %-9s %s", choice.server().id(), describe(choice, servers, composeFile)));
		}
		return report.toString();
	}

	private static String describe(Choice choice, DevServers servers, @Nullable ComposeFile composeFile) {
		DevServer server = choice.server();
		return switch (choice.source()) {
			case CONFIGURED -> "configured (" + choice.origin() + ")";
			case LOCAL -> "local server on " + Address.loopback(server.localPort());
			case DOCKER_COMPOSE -> "Docker Compose (" + ((composeFile != null) ? composeFile.displayName() : "")
					+ ", profile " + server.id() + ")"
					+ ((server == DevServer.KAFKA) ? " on " + Address.loopback(server.localPort()) : "");
			case EMBEDDED -> {
				EmbeddedServer embedded = servers.get(server);
				yield (embedded != null) ? embedded.description() : "embedded " + server.product();
			}
		};
	}

}
