package dev.poolstarter.postgres.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
import static org.assertj.core.api.Assertions.within;

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

	@Test
	void countsTheSessionsAtWorkOnTheServerApartFromThoseThatWaitForATimerOrTheClient() throws Exception {
		PGSimpleDataSource pool = pgDataSource(server.jdbcUrl());
		pool.setApplicationName("at-work-" + System.nanoTime());
		List<Statement> running = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		try (Connection sleeping = pool.getConnection(); Connection computing = pool.getConnection();
				Connection idleInTransaction = pool.getConnection(); Connection idle = pool.getConnection();
				ServerActivityMonitor monitor = new ServerActivityMonitor("primary", pgDataSource(server.jdbcUrl()),
						pool.getApplicationName(), "monitor-it", Duration.ofSeconds(2), Duration.ofSeconds(5),
						Clock.systemUTC())) {
			idleInTransaction.setAutoCommit(false);
			idleInTransaction.createStatement().execute("SELECT 1");
			try {
				threads.add(runInBackground(sleeping, "SELECT pg_sleep(60)", running));
				threads.add(runInBackground(computing, "SELECT count(*) FROM generate_series(1, 2000000000)", running));
				ServerActivity activity = awaitActive(monitor, 2);
				assertThat(activity.application()).containsEntry("idle in transaction", 1).containsEntry("idle", 1);
				assertThat(activity.applicationAtWork()).as("the query on the CPU, not pg_sleep").isEqualTo(1);
				assertThat(ServerActivity.workShare(activity.applicationAtWork(), activity.applicationInTransaction()))
					.as("1 of the 3 sessions in a transaction")
					.isCloseTo(1 / 3.0, within(1e-9));
			}
			finally {
				for (Statement statement : running) {
					statement.cancel();
				}
				endBackends(pool.getApplicationName(), threads);
				idleInTransaction.rollback();
			}
		}
	}

	/**
	 * Wait for the threads whose statements were cancelled; where a cancel came too early
	 * to take, end their backends.
	 */
	private static void endBackends(String applicationName, List<Thread> threads) throws Exception {
		for (Thread thread : threads) {
			thread.join(2_000);
		}
		if (threads.stream().anyMatch(Thread::isAlive)) {
			try (Connection admin = pgDataSource(server.jdbcUrl()).getConnection();
					PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid) "
							+ "FROM pg_stat_activity WHERE application_name = ? AND state = 'active'")) {
				terminate.setString(1, applicationName);
				terminate.execute();
			}
			for (Thread thread : threads) {
				thread.join(10_000);
			}
		}
	}

	private static Thread runInBackground(Connection connection, String sql, List<Statement> running)
			throws SQLException {
		Statement statement = connection.createStatement();
		// a backend whose client went away runs on until it next writes to it
		statement.execute("SET statement_timeout = '60s'");
		running.add(statement);
		Thread thread = new Thread(() -> {
			try {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				// cancelled at the end of the test
			}
		});
		thread.start();
		return thread;
	}

	private static ServerActivity awaitActive(ServerActivityMonitor monitor, int active) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		ServerActivity activity = monitor.current(Duration.ZERO).activity();
		while (activity == null || activity.application().get("active") < active) {
			assertThat(System.nanoTime()).as("%d active sessions within 30 s, last seen: %s", active, activity)
				.isLessThan(deadline);
			Thread.sleep(50);
			activity = monitor.current(Duration.ZERO).activity();
		}
		return activity;
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
