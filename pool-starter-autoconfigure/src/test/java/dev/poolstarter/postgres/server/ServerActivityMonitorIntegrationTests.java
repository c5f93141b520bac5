package dev.poolstarter.postgres.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link ServerActivityMonitor} against a real PostgreSQL, and
 * against a server that accepts connections but never answers.
 */
class ServerActivityMonitorIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	@Test
	void frequentChecksCostOneQueryPerCacheInterval() throws Exception {
		CountingDataSource dataSource = new CountingDataSource(pgDataSource(server.jdbcUrl()));
		try (ServerActivityMonitor monitor = monitor(dataSource, Duration.ofSeconds(1))) {
			for (int i = 0; i < 20; i++) {
				assertThat(monitor.current(Duration.ofSeconds(5)).activity()).isNotNull();
			}
			assertThat(dataSource.connections.get()).isEqualTo(1);
			Thread.sleep(50);
			monitor.current(Duration.ofMillis(10));
			assertThat(dataSource.connections.get()).isEqualTo(2);
		}
	}

	@Test
	void answersWithinTheTimeoutWhenTheServerHangs() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			List<Socket> accepted = new ArrayList<>();
			Thread acceptor = new Thread(() -> {
				while (!silent.isClosed()) {
					try {
						accepted.add(silent.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			PGSimpleDataSource dataSource = pgDataSource(
					"jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres");
			dataSource.setLoginTimeout(30);
			try (ServerActivityMonitor monitor = monitor(dataSource, Duration.ofMillis(500))) {
				long start = System.nanoTime();
				ServerView view = monitor.current(Duration.ofSeconds(5));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
				assertThat(view.stale()).isTrue();
				assertThat(view.error()).isEqualTo("no answer within 500 ms");
			}
		}
	}

	@Test
	void aPoolNamedByHandCountsInTheFleetNotAmongOtherApplications() throws Exception {
		PGSimpleDataSource pool = pgDataSource(server.jdbcUrl());
		pool.setApplicationName("named-by-hand-" + System.nanoTime());
		try (Connection first = pool.getConnection(); Connection second = pool.getConnection();
				ServerActivityMonitor monitor = new ServerActivityMonitor("primary", pgDataSource(server.jdbcUrl()),
						pool.getApplicationName(), "monitor-it", Duration.ofSeconds(2), Duration.ofSeconds(5),
						Clock.systemUTC())) {
			ServerActivity activity = monitor.current(Duration.ZERO).activity();
			assertThat(activity).isNotNull();
			assertThat(activity.applicationTotal()).isEqualTo(2);
			assertThat(activity.fleetConnections()).as("the fleet holds this pool's connections").isGreaterThanOrEqualTo(2);
			assertThat(activity.census().otherConnections())
				.isEqualTo(activity.serverConnections() - activity.fleetConnections());
		}
	}

	private static ServerActivityMonitor monitor(DataSource dataSource, Duration timeout) {
		return new ServerActivityMonitor("primary", dataSource, "monitor-it/1", "monitor-it", Duration.ofSeconds(2),
				timeout, Clock.systemUTC());
	}

	private static PGSimpleDataSource pgDataSource(String url) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url);
		if (server.username() != null) {
			dataSource.setUser(server.username());
		}
		if (server.password() != null) {
			dataSource.setPassword(server.password());
		}
		return dataSource;
	}

	/**
	 * A real data source that counts the connections it opens.
	 */
	private static final class CountingDataSource implements DataSource {

		private final DataSource delegate;

		private final AtomicInteger connections = new AtomicInteger();

		CountingDataSource(DataSource delegate) {
			this.delegate = delegate;
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			return this.delegate.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			this.connections.incrementAndGet();
			return this.delegate.getConnection(username, password);
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return this.delegate.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			this.delegate.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			this.delegate.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return this.delegate.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return this.delegate.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return this.delegate.isWrapperFor(type);
		}

	}

}
