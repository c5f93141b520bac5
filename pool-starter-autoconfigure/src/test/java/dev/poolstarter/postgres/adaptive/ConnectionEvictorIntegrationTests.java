package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final List<Thread> threads = new ArrayList<>();

	private HikariDataSource dataSource;

	@AfterEach
	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(10_000);
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
		for (int i = 0; i < 12; i++) {
			Thread thread = new Thread(this::borrowInALoop, "evictor-it-" + i);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		await("all 8 connections in use").atMost(Duration.ofSeconds(60)).until(() -> pool.getActiveConnections() == 8);
		this.dataSource.getHikariConfigMXBean().setMinimumIdle(3);
		this.dataSource.getHikariConfigMXBean().setMaximumPoolSize(3);
		await("the pool holds 3 connections").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.failFast("a thread failed", () -> assertThat(this.failure.get()).isNull())
			.until(() -> {
				assertThat(ConnectionEvictor.evictAbove(pool, 3)).isTrue();
				return pool.getTotalConnections() == 3;
			});
		await("the server holds 3 of the pool's connections").atMost(Duration.ofSeconds(60))
			.until(() -> serverConnections() == 3);
		assertThat(pool.getActiveConnections()).isLessThanOrEqualTo(3);
		assertThat(this.failure.get()).as("a thread failed").isNull();
	}

	private void borrowInALoop() {
		while (this.running.get()) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_sleep(0.002)");
			}
			catch (SQLException ex) {
				if (this.running.get()) {
					this.failure.compareAndSet(null, ex);
				}
			}
		}
	}

	private static int serverConnections() throws SQLException {
		try (Connection connection = server.connect();
				Statement statement = connection.createStatement();
				var row = statement
					.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'evictor-it'")) {
			row.next();
			return row.getInt(1);
		}
	}

}
