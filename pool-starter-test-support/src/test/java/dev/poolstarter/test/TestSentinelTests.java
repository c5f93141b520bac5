package dev.poolstarter.test;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TestSentinel}'s search for the redis-server binary.
 */
class TestSentinelTests {

	@Test
	void binaryFromTheVariableWinsOverThePath() {
		Path binary = TestSentinel.findBinary(Map.of(TestSentinel.BINARY_VARIABLE, "/bin/sh", "PATH", "/nonexistent"));
		assertThat(binary).isEqualTo(Path.of("/bin/sh"));
	}

	@Test
	void variableNamingNoExecutableFails(@TempDir Path directory) {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestSentinel.findBinary(
					Map.of(TestSentinel.BINARY_VARIABLE, directory.resolve("redis-server").toString())))
			.withMessageContaining(TestSentinel.BINARY_VARIABLE);
	}

	@Test
	void messageWithoutBinarySaysHowToGetOne() {
		assertThat(TestSentinel.noBinaryMessage()).contains("apt-get install redis-server")
			.contains("brew install redis")
			.contains(TestSentinel.BINARY_VARIABLE);
	}

}
