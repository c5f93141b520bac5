package dev.poolstarter.test;

import org.testcontainers.containers.GenericContainer;

/**
 * Starts Redis in a container; kept apart so that the container classes load only when
 * Docker answers.
 *
 * @author pool-starter
 */
final class TestcontainersRedis {

	private TestcontainersRedis() {
	}

	static TestRedis.Server start() {
		GenericContainer<?> container = new GenericContainer<>(TestRedis.IMAGE).withExposedPorts(6379);
		container.start();
		return new TestRedis.Server(TestRedis.Source.TESTCONTAINERS, container.getHost(),
				container.getMappedPort(6379), "container " + TestRedis.IMAGE);
	}

}
