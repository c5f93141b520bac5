package dev.poolstarter.sample.devservers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The sample's {@code compose.yaml}, as Spring Boot's Docker Compose support will read it.
 *
 * @param path the file
 * @param displayName the path as the report shows it, relative to the working directory
 * @author pool-starter
 */
record ComposeFile(Path path, String displayName) {

	// spring-boot:run starts in sample-app/, an IDE often in the repository's root
	private static final List<String> CANDIDATES = List.of("compose.yaml", "sample-app/compose.yaml");

	private static final String DOCKER_COMPOSE_SUPPORT = "org.springframework.boot.docker.compose.lifecycle.DockerComposeListener";

	/**
	 * Find the file under the working directory, or return {@code null} when there is none
	 * or Spring Boot's Docker Compose support is missing (it is optional, and left out of
	 * the packaged jar).
	 */
	static @Nullable ComposeFile find(Path workingDirectory, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(DOCKER_COMPOSE_SUPPORT, classLoader)) {
			return null;
		}
		for (String candidate : CANDIDATES) {
			Path path = workingDirectory.resolve(candidate);
			if (Files.isRegularFile(path)) {
				return new ComposeFile(path.toAbsolutePath().normalize(), candidate);
			}
		}
		return null;
	}

}
