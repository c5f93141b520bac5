package dev.poolstarter.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import dev.poolstarter.jdbc.PoolExhaustedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the pool under faults injected on the real server: an exhausted
 * pool, and every pool connection killed by the server.
 */
class PoolFaultsIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=faults-it", "pool.instance-id=f1",
				"pool.postgres.max-connections=4", "pool.postgres.min-idle=4", "pool.postgres.pool-timeout=500ms");

	@Test
	void exhaustedPoolFailsFastWithATypedException() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			List<Connection> held = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					held.add(dataSource.getConnection());
				}
				long start = System.nanoTime();
				assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(dataSource::getConnection)
					.satisfies((ex) -> {
						assertThat(ex.getPoolTimeout()).isEqualTo(Duration.ofMillis(500));
						assertThat(ex.getMessage()).contains("active=4").contains("within 500 ms");
					});
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			}
			finally {
				for (Connection connection : held) {
					connection.close();
				}
			}
			try (Connection recovered = dataSource.getConnection()) {
				assertThat(recovered.isValid(1)).as("the pool recovers as the load drops").isTrue();
			}
		});
	}

	@Test
	void aPoolThatStoppedLendingFailsBorrowsAtOnceAndLendsAgainWhenResumed() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			dev.poolstarter.jdbc.DrainableDataSource drainable = (dev.poolstarter.jdbc.DrainableDataSource) dataSource;
			drainable.stopLending();
			long start = System.nanoTime();
			assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(dataSource::getConnection)
				.withMessageContaining("is shutting down");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
			drainable.resumeLending();
			query(dataSource);
		});
	}

	@Test
	void requestsRecoverAfterTheServerKillsEveryPoolConnection() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 4);
			int killed = terminateBackends("faults-it/f1");
			assertThat(killed).isEqualTo(4);
			java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicLong recoveredAt = new java.util.concurrent.atomic.AtomicLong();
			long start = System.nanoTime();
			java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(4);
			for (int i = 0; i < 80; i++) {
				load.execute(() -> {
					try {
						query(dataSource);
						recoveredAt.compareAndSet(0, System.nanoTime());
					}
					catch (SQLException ex) {
						failures.incrementAndGet();
					}
				});
			}
			load.shutdown();
			assertThat(load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(failures.get()).as("at most one failed request per killed connection")
				.isLessThanOrEqualTo(killed);
			assertThat(Duration.ofNanos(recoveredAt.get() - start)).as("time to the first request that works")
				.isLessThan(Duration.ofSeconds(2));
			System.out.println("pg_terminate_backend of " + killed + " connections under 4 concurrent clients: "
					+ failures.get() + " failed request(s) of 80, first success after "
					+ (recoveredAt.get() - start) / 1_000_000 + " ms");
		});
	}

	private static void query(HikariDataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

	private static int terminateBackends(String applicationName) throws SQLException {
		try (Connection connection = server.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
			statement.setString(1, applicationName);
			try (java.sql.ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
