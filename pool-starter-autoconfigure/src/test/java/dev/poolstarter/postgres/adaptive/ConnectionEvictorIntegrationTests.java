package dev.poolstarter.postgres.adaptive;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link ConnectionEvictor} against the real PostgreSQL: a pool whose
 * every connection is kept busy by more threads than it has connections, each borrowing
 * again the moment it gives one back, sheds the connections above its new maximum while
 * the threads go on without an error, and the server sees them closed.
 */
class ConnectionEvictorIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private BorrowingThreads borrowing;

	private HikariDataSource dataSource;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.borrowing != null) {
			this.borrowing.close();
		}
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	@Test
	void aBusyPoolShedsItsConnectionsAboveTheNewMaximumWithoutAnErrorToItsThreads() throws Exception {
		assertThat(ConnectionEvictor.isAvailable()).as("HikariCP's eviction of one connection is reachable").isTrue();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(server.jdbcUrl());
		config.setUsername(server.username());
		config.setPassword(server.password());
		config.setPoolName("evictor-it");
		config.setMaximumPoolSize(8);
		config.setMinimumIdle(8);
		config.setConnectionTimeout(30_000);
		config.addDataSourceProperty("ApplicationName", "evictor-it");
		this.dataSource = new HikariDataSource(config);
		HikariPool pool = (HikariPool) this.dataSource.getHikariPoolMXBean();
		this.borrowing = BorrowingThreads.start(this.dataSource, 12, "evictor-it");
		await("all 8 connections in use").atMost(Duration.ofSeconds(60)).until(() -> pool.getActiveConnections() == 8);
		this.dataSource.getHikariConfigMXBean().setMinimumIdle(3);
		this.dataSource.getHikariConfigMXBean().setMaximumPoolSize(3);
		await("the pool holds 3 connections").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.failFast("a thread failed", () -> assertThat(this.borrowing.failure()).isNull())
			.until(() -> {
				assertThat(ConnectionEvictor.evictAbove(pool, 3)).isTrue();
				return pool.getTotalConnections() == 3;
			});
		await("the server holds 3 of the pool's connections").atMost(Duration.ofSeconds(60))
			.until(() -> BorrowingThreads.serverConnections(server, "evictor-it") == 3);
		assertThat(pool.getActiveConnections()).isLessThanOrEqualTo(3);
		assertThat(this.borrowing.failure()).as("a thread failed").isNull();
	}

}
