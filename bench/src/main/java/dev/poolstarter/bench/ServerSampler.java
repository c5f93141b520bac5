package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Samples {@code pg_stat_activity} on its own connection while a run is measured: the
 * server connections the pool under test holds (by its application_name), how many of
 * them work at once, and how busy the other sessions on the shared server are.
 *
 * @author pool-starter
 */
final class ServerSampler implements AutoCloseable {

	private static final String QUERY = "SELECT count(*) FILTER (WHERE application_name = ?),"
			+ " count(*) FILTER (WHERE application_name = ? AND state <> 'idle'),"
			+ " count(*) FILTER (WHERE application_name <> ? AND state = 'active' AND backend_type = 'client backend')"
			+ " FROM pg_stat_activity WHERE pid <> pg_backend_pid()";

	private static final Duration INTERVAL = Duration.ofMillis(250);

	private final Connection connection;

	private final String applicationName;

	private volatile boolean sampling;

	private int maxConnections;

	private int maxBusy;

	private long othersBusySum;

	private int samples;

	private final Thread thread;

	ServerSampler(Database database, String applicationName) throws SQLException {
		this.connection = database.connect("bench-sampler");
		this.applicationName = applicationName;
		this.thread = new Thread(this::loop, "bench-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	void startSampling() {
		this.sampling = true;
	}

	void stopSampling() {
		this.sampling = false;
	}

	private void loop() {
		try (PreparedStatement statement = this.connection.prepareStatement(QUERY)) {
			statement.setString(1, this.applicationName);
			statement.setString(2, this.applicationName);
			statement.setString(3, this.applicationName);
			while (!Thread.currentThread().isInterrupted()) {
				sleep();
				if (this.sampling) {
					sample(statement);
				}
			}
		}
		catch (SQLException ex) {
			System.err.println("Server sampler stopped: " + ex.getMessage());
		}
	}

	private synchronized void sample(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			this.maxConnections = Math.max(this.maxConnections, result.getInt(1));
			this.maxBusy = Math.max(this.maxBusy, result.getInt(2));
			this.othersBusySum += result.getInt(3);
			this.samples++;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	synchronized int maxConnections() {
		return this.maxConnections;
	}

	synchronized int maxBusy() {
		return this.maxBusy;
	}

	synchronized double othersBusy() {
		return (this.samples > 0) ? (double) this.othersBusySum / this.samples : Double.NaN;
	}

	@Override
	public void close() {
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(5).toMillis());
			this.connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (SQLException ex) {
			// the run's figures are already taken
		}
	}

}
