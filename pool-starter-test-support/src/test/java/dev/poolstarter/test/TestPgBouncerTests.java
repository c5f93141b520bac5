package dev.poolstarter.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TestPgBouncer} that need no PgBouncer: finding the binary, the
 * message without one, and the generated configuration.
 */
class TestPgBouncerTests {

	@Test
	void findsTheBinaryOnThePath(@TempDir Path directory) throws Exception {
		Path binary = Files.createFile(directory.resolve("pgbouncer"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		assertThat(TestPgBouncer.findBinary(Map.of("PATH", directory.toString()))).isEqualTo(binary);
	}

	@Test
	void explicitBinaryMustBeExecutable(@TempDir Path directory) {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestPgBouncer.findBinary(
					Map.of(TestPgBouncer.BINARY_VARIABLE, directory.resolve("missing").toString())))
			.withMessageContaining("is not an executable file");
	}

	@Test
	void failureWithoutPgBouncerSaysHowToGetOne() {
		assertThat(TestPgBouncer.noPgBouncerMessage()).contains("apt-get install pgbouncer")
			.contains(TestPgBouncer.BINARY_VARIABLE)
			.contains("Docker");
	}

	@Test
	void readsTheVersion() {
		assertThat(TestPgBouncer.versionOf("PgBouncer 1.18.0\nlibevent 2.1.12-stable")).isEqualTo("1.18.0");
	}

	@Test
	void configuresTransactionPoolingInFrontOfTheServer() {
		TestPostgres.Server server = new TestPostgres.Server(TestPostgres.Source.LOCAL_PORT,
				"jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "p\"w", "local");
		TestPgBouncer.Builder builder = TestPgBouncer.builder(server).defaultPoolSize(1).user("app", "secret");
		assertThat(builder.configuration("127.0.0.1", 5432, "127.0.0.1", 16432))
			.contains("* = host=127.0.0.1 port=5432")
			.contains("listen_port = 16432")
			.contains("pool_mode = transaction")
			.contains("default_pool_size = 1")
			.contains("admin_users = " + TestPgBouncer.ADMIN_USER);
		assertThat(builder.userList()).contains("\"postgres\" \"p\"\"w\"").contains("\"app\" \"secret\"");
	}

}
