package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.pool.HikariPool;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.postgres.PostgresPoolPlanner;
import dev.poolstarter.postgres.pool.LendingLimit;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of connections held aside against the real PostgreSQL: once a pool
 * lends no more than its lending limit, the idle connections above the limit leave its
 * circulation, open; the callers then wait in HikariCP's own queue for the smaller size,
 * lifting the limit gives the same connections back, and closing them closes them on the
 * server.
 */
class HeldConnectionsIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final String APPLICATION_NAME = PostgresPoolPlanner.applicationName("held-aside-it", "it");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("pool.service=held-aside-it", "pool.instance-id=it", "pool.profile=prod",
				"pool.instances=1", "pool.postgres.max-connections=4", "pool.postgres.pool-timeout=5s");

	@Test
	void theConnectionsAboveTheLimitLeaveCirculationOpenAndTheSameOnesComeBack() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPool pool = openPool(dataSource);
			Set<Integer> backends = backendsOfAll(dataSource, 4);
			LendingLimit limit = dataSource.getLendingLimit();
			limit.limit(2, 0);
			HeldConnections held = HeldConnections.holdAside(pool, limit);
			assertThat(held.size()).isEqualTo(2);
			assertThat(limit.isHeldAside()).isTrue();
			assertThat(LendingLimit.maximum(dataSource)).isEqualTo(2);
			assertThat(pool.getIdleConnections()).as("idle, lendable").isEqualTo(2);
			assertThat(pool.getTotalConnections()).as("open").isEqualTo(4);
			Connection first = dataSource.getConnection();
			Connection second = dataSource.getConnection();
			CompletableFuture<Connection> third = CompletableFuture.supplyAsync(() -> borrow(dataSource));
			await("the third borrow waits in HikariCP's queue").atMost(Duration.ofSeconds(5))
				.until(() -> pool.getThreadsAwaitingConnection() == 1);
			assertThat(limit.waiting()).as("no permits").isZero();
			assertThat(pool.getActiveConnections()).isEqualTo(2);
			assertThat(BorrowingThreads.serverConnections(server, APPLICATION_NAME)).as("on the server").isEqualTo(4);
			first.close();
			Connection thirdConnection = third.get();
			limit.lift();
			assertThat(held.size()).isZero();
			assertThat(limit.isActive()).isFalse();
			second.close();
			thirdConnection.close();
			assertThat(backendsOfAll(dataSource, 4)).as("the same connections, none opened again").isEqualTo(backends);
		});
	}

	@Test
	void nothingIsHeldWhileMoreThanTheLimitAreLent() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPool pool = openPool(dataSource);
			LendingLimit limit = dataSource.getLendingLimit();
			Connection first = dataSource.getConnection();
			Connection second = dataSource.getConnection();
			limit.limit(1, 2);
			assertThat(HeldConnections.holdAside(pool, limit)).as("2 lent").isSameAs(HeldConnections.NONE);
			assertThat(limit.isHeldAside()).isFalse();
			first.close();
			HeldConnections held = HeldConnections.holdAside(pool, limit);
			assertThat(held.size()).as("the 3 above the limit of 1").isEqualTo(3);
			assertThat(limit.isHeldAside()).isTrue();
			second.close();
			limit.lift();
			assertThat(pool.getIdleConnections()).isEqualTo(4);
		});
	}

	@Test
	void connectionsHeldAsideAndClosedAreClosedOnTheServerAndNotOpenedAgain() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPool pool = openPool(dataSource);
			LendingLimit limit = dataSource.getLendingLimit();
			limit.limit(2, 0);
			HeldConnections held = HeldConnections.holdAside(pool, limit);
			dataSource.getHikariConfigMXBean().setMinimumIdle(2);
			dataSource.getHikariConfigMXBean().setMaximumPoolSize(2);
			held.close(2);
			limit.lift();
			assertThat(pool.getTotalConnections()).isEqualTo(2);
			await("the server holds 2 of the pool's connections").atMost(Duration.ofSeconds(30))
				.until(() -> BorrowingThreads.serverConnections(server, APPLICATION_NAME) == 2);
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			assertThat(pool.getTotalConnections()).isEqualTo(2);
		});
	}

	@Test
	void aPoolClosedWhileConnectionsAreHeldAsideClosesThemOnTheServer() {
		this.contextRunner.run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPool pool = openPool(dataSource);
			LendingLimit limit = dataSource.getLendingLimit();
			limit.limit(1, 0);
			assertThat(HeldConnections.holdAside(pool, limit).size()).isEqualTo(3);
			dataSource.close();
			await("the server holds none of the pool's connections").atMost(Duration.ofSeconds(30))
				.until(() -> BorrowingThreads.serverConnections(server, APPLICATION_NAME) == 0);
		});
	}

	@Test
	void underThreadsThatKeepEveryConnectionBusyTheConnectionsAboveTheLimitAreHeldWithoutAnError() {
		this.contextRunner.withPropertyValues("pool.postgres.max-connections=8").run((context) -> {
			PostgresHikariDataSource dataSource = context.getBean(PostgresHikariDataSource.class);
			HikariPool pool = (HikariPool) dataSource.getHikariPoolMXBean();
			try (BorrowingThreads borrowing = BorrowingThreads.start(dataSource, 12, "held-aside-it")) {
				await("all 8 connections in use").atMost(Duration.ofSeconds(60))
					.until(() -> pool.getActiveConnections() == 8);
				LendingLimit limit = dataSource.getLendingLimit();
				limit.limit(3, pool.getActiveConnections() + pool.getThreadsAwaitingConnection());
				HeldConnections[] held = new HeldConnections[1];
				await("the 5 connections above the limit held aside").atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(5))
					.failFast("a thread failed", () -> assertThat(borrowing.failure()).isNull())
					.until(() -> (held[0] = HeldConnections.holdAside(pool, limit)) != HeldConnections.NONE);
				assertThat(held[0].size()).isEqualTo(5);
				await("the threads wait in HikariCP's queue").atMost(Duration.ofSeconds(30))
					.until(() -> pool.getThreadsAwaitingConnection() > 0);
				assertThat(pool.getActiveConnections()).isLessThanOrEqualTo(3);
				limit.lift();
				await("all 8 connections in use again").atMost(Duration.ofSeconds(60))
					.until(() -> pool.getActiveConnections() == 8);
				assertThat(pool.getTotalConnections()).isEqualTo(8);
				assertThat(borrowing.failure()).as("a thread failed").isNull();
			}
		});
	}

	private static HikariPool openPool(PostgresHikariDataSource dataSource) {
		HikariPool pool = (HikariPool) dataSource.getHikariPoolMXBean();
		await("the pool opens its 4 connections").atMost(Duration.ofSeconds(30))
			.until(() -> pool.getTotalConnections() == 4);
		return pool;
	}

	private static Set<Integer> backendsOfAll(PostgresHikariDataSource dataSource, int count) throws SQLException {
		Set<Integer> backends = new HashSet<>();
		Connection[] connections = new Connection[count];
		for (int i = 0; i < count; i++) {
			connections[i] = dataSource.getConnection();
			backends.add(TestPostgres.backendPid(connections[i]));
		}
		for (Connection connection : connections) {
			connection.close();
		}
		return backends;
	}

	private static Connection borrow(PostgresHikariDataSource dataSource) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
