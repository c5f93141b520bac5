package dev.poolstarter.test;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts PgBouncer in a container; kept apart so that the container classes load only
 * when Docker answers. The container reaches the test server through the host, as
 * {@code host.testcontainers.internal}.
 *
 * @author pool-starter
 */
final class TestcontainersPgBouncer {

	private static final Logger logger = LoggerFactory.getLogger(TestcontainersPgBouncer.class);

	private static final int PORT = 6432;

	private TestcontainersPgBouncer() {
	}

	static TestPgBouncer start(TestPostgres.Server server, TestPgBouncer.Configuration configuration,
			Supplier<String> userList) {
		Testcontainers.exposeHostPorts(server.port());
		String ini = configuration.render("host.testcontainers.internal", server.port(), "0.0.0.0", PORT)
			.replace("auth_file = userlist.txt", "auth_file = /etc/pgbouncer/userlist.txt");
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(TestPgBouncer.IMAGE))
			.withCopyToContainer(Transferable.of(ini), "/etc/pgbouncer/pgbouncer.ini")
			.withCopyToContainer(Transferable.of(userList.get()), "/etc/pgbouncer/userlist.txt")
			.withCommand("pgbouncer", "/etc/pgbouncer/pgbouncer.ini")
			.withExposedPorts(PORT)
			.waitingFor(Wait.forListeningPort());
		container.start();
		String version = TestPgBouncer.versionOf(container.getDockerImageName().replaceFirst(".*:v?", "PgBouncer "));
		TestPgBouncer pgbouncer = TestPgBouncer.ofContainer(server, container.getHost(),
				container.getMappedPort(PORT), version,
				"container " + TestPgBouncer.IMAGE + " in front of " + server.description(), container::stop);
		logger.info("Tests use {}", pgbouncer.description());
		return pgbouncer;
	}

}
