package dev.poolstarter.postgres.pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the lending limit against the real PostgreSQL: a pool of 4 with a
 * 1 s pool timeout, limited to fewer, lends no more than the limit, keeps its other
 * connections open, and gets a permit back for every connection given back or dropped as
 * broken.
 */
class LendingLimitIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("pool.service=lending-limit-it", "pool.profile=prod", "pool.instances=1",
				"pool.postgres.max-connections=4", "pool.postgres.pool-timeout=1s");

	@Test
	void aLimitLendsNoMoreThanItsSizeAndKeepsTheOtherConnectionsOpen() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
			await("the pool opens its 4 connections").atMost(Duration.ofSeconds(30))
				.until(() -> pool.getTotalConnections() == 4);
			AtomicInteger opened = new AtomicInteger();
			context.getBean(ConnectionAttempts.class).addListener(new Opened(opened));
			LendingLimit limit = dataSource.getLendingLimit();
			assertThat(limit).isNotNull();
			limit.limit(2, 0);
			assertThat(LendingLimit.maximum(dataSource)).isEqualTo(2);
			Connection first = dataSource.getConnection();
			Connection second = dataSource.getConnection();
			CompletableFuture<Connection> third = CompletableFuture.supplyAsync(() -> borrow(dataSource));
			await("the third borrow waits for a permit").atMost(Duration.ofSeconds(5))
				.until(() -> limit.waiting() == 1);
			assertThat(pool.getActiveConnections()).isEqualTo(2);
			assertThat(pool.getIdleConnections()).as("open, not lent").isEqualTo(2);
			assertThat(LendingLimit.waiting(dataSource, pool)).isEqualTo(1);
			first.close();
			Connection thirdConnection = third.get();
			assertThat(pool.getActiveConnections()).isEqualTo(2);
			limit.lift();
			assertThat(LendingLimit.maximum(dataSource)).isEqualTo(4);
			Connection fourth = dataSource.getConnection();
			Connection fifth = dataSource.getConnection();
			assertThat(pool.getActiveConnections()).isEqualTo(4);
			assertThat(opened).as("connections opened after the first 4").hasValue(0);
			assertThat(pool.getTotalConnections()).isEqualTo(4);
			for (Connection connection : new Connection[] { second, thirdConnection, fourth, fifth }) {
				connection.close();
			}
		});
	}

	@Test
	void connectionsLentBeforeTheLimitCountAgainstItUntilTheyComeBack() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			PoolUsage usage = context.getBean(PoolUsage.class);
			LendingLimit limit = dataSource.getLendingLimit();
			Connection first = dataSource.getConnection();
			Connection second = dataSource.getConnection();
			limit.limit(1, 2);
			first.close();
			long timeouts = usage.snapshot().timeouts();
			assertThatExceptionOfType(PoolExhaustedException.class).as("one lent, at most one")
				.isThrownBy(dataSource::getConnection)
				.withMessageContaining("active=1, idle=3, waiting=0, lent at most 1 while adaptive sizing tries that "
						+ "size");
			assertThat(usage.snapshot().timeouts()).isEqualTo(timeouts + 1);
			second.close();
			try (Connection third = dataSource.getConnection()) {
				assertThat(third.isValid(1)).isTrue();
			}
			limit.lift();
		});
	}

	@Test
	void aConnectionDroppedAsBrokenGivesBackItsPermit() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			LendingLimit limit = dataSource.getLendingLimit();
			limit.limit(1, 0);
			Connection broken = dataSource.getConnection();
			terminate(TestPostgres.backendPid(broken));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> TestPostgres.backendPid(broken));
			broken.close();
			Connection next = dataSource.getConnection();
			assertThat(next.isValid(1)).isTrue();
			assertThatExceptionOfType(PoolExhaustedException.class).as("one permit, not two")
				.isThrownBy(dataSource::getConnection);
			next.close();
			limit.lift();
		});
	}

	private static Connection borrow(HikariDataSource dataSource) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void terminate(int pid) throws SQLException {
		try (Connection admin = server.connect();
				PreparedStatement statement = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
			statement.setInt(1, pid);
			statement.execute();
		}
	}

	/**
	 * Counts the connections the pool opens.
	 */
	private record Opened(AtomicInteger count) implements ConnectionAttempts.Listener {

		@Override
		public void failed(ConnectionAttempts.Failure failure) {
		}

		@Override
		public void succeeded(int failedBefore) {
			this.count.incrementAndGet();
		}

	}

}
