package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.poolstarter.test.TestPostgres;
import org.jspecify.annotations.Nullable;

/**
 * Threads that keep a pool busy: each borrows a connection, runs a statement (by default
 * a 2 ms sleep), gives it back and borrows again at once, until stopped; the first error
 * any of them meets is kept.
 */
final class BorrowingThreads implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final List<Thread> threads = new ArrayList<>();

	private BorrowingThreads() {
	}

	/**
	 * Start threads that borrow from a pool in a loop.
	 * @param dataSource the pool
	 * @param count how many threads
	 * @param name the threads' name prefix
	 * @return the threads
	 */
	static BorrowingThreads start(DataSource dataSource, int count, String name) {
		return start(dataSource, count, name, "SELECT pg_sleep(0.002)");
	}

	/**
	 * Start threads that borrow from a pool in a loop and run a statement each time.
	 * @param dataSource the pool
	 * @param count how many threads
	 * @param name the threads' name prefix
	 * @param sql the statement
	 * @return the threads
	 */
	static BorrowingThreads start(DataSource dataSource, int count, String name, String sql) {
		BorrowingThreads borrowing = new BorrowingThreads();
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> borrowing.borrowInALoop(dataSource, sql), name + "-" + i);
			thread.setDaemon(true);
			thread.start();
			borrowing.threads.add(thread);
		}
		return borrowing;
	}

	/**
	 * Return the first error a thread met.
	 * @return the error, or {@code null}
	 */
	@Nullable Throwable failure() {
		return this.failure.get();
	}

	/**
	 * Stop the threads after their current statement, without waiting for it.
	 */
	void halt() {
		this.running.set(false);
	}

	/**
	 * Stop the threads and wait for them to end.
	 */
	@Override
	public void close() throws InterruptedException {
		halt();
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

	/**
	 * Count the server's sessions with an application name.
	 * @param server the server
	 * @param applicationName the name
	 * @return the sessions
	 */
	static int serverConnections(TestPostgres.Server server, String applicationName) throws SQLException {
		try (Connection connection = server.connect();
				var statement = connection.prepareStatement(
						"SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
			statement.setString(1, applicationName);
			try (var row = statement.executeQuery()) {
				row.next();
				return row.getInt(1);
			}
		}
	}

	private void borrowInALoop(DataSource dataSource, String sql) {
		while (this.running.get()) {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				if (this.running.get()) {
					this.failure.compareAndSet(null, ex);
				}
			}
		}
	}

}
