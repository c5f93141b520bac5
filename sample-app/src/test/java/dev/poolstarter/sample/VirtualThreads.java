package dev.poolstarter.sample;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether this test run asked for virtual threads: {@code spring.threads.virtual.enabled}
 * as a system property of the test JVM, which the {@code virtual-threads} Maven profile
 * sets. The sample started in this JVM reads it from its environment; {@link SampleJar}
 * passes it on to the jar.
 *
 * @author pool-starter
 */
final class VirtualThreads {

	static final String PROPERTY = "spring.threads.virtual.enabled";

	private VirtualThreads() {
	}

	static boolean requested() {
		boolean requested = Boolean.getBoolean(PROPERTY);
		if (requested) {
			assertThat(Runtime.version().feature())
				.as("%s=true asks for virtual threads, which need Java 21 or later; this JVM is %s", PROPERTY,
						Runtime.version())
				.isGreaterThanOrEqualTo(21);
		}
		return requested;
	}

	static List<String> jvmArguments() {
		return requested() ? List.of("-D" + PROPERTY + "=true") : List.of();
	}

}
