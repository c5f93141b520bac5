package dev.poolstarter.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts PostgreSQL in a container; kept apart so that the container classes load only
 * when Docker answers.
 *
 * @author pool-starter
 */
final class TestcontainersPostgres {

	private TestcontainersPostgres() {
	}

	static TestPostgres.Server start() {
		PostgreSQLContainer container = new PostgreSQLContainer(TestPostgres.IMAGE);
		container.start();
		return new TestPostgres.Server(TestPostgres.Source.TESTCONTAINERS, container.getJdbcUrl(),
				container.getUsername(), container.getPassword(), "container " + TestPostgres.IMAGE);
	}

}
