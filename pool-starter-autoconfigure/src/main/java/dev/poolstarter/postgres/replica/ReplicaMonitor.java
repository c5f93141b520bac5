package dev.poolstarter.postgres.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Samples a read replica on a schedule over a connection of its own, never one from the
 * replica's pool: whether it answers, {@code pg_is_in_recovery()} and the replication
 * lag. The lag is zero while the replica has replayed all the WAL it received from a
 * connected primary, since the age of the last replayed transaction also grows while an
 * idle primary sends nothing.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReplicaMonitor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReplicaMonitor.class);

	static final String QUERY = "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() THEN 0 "
			+ "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
			+ "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0 "
			+ "ELSE GREATEST(0, EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())) END";

	/**
	 * SQL state of "sorry, too many clients already": the server answered, it is full.
	 */
	private static final String TOO_MANY_CONNECTIONS = "53300";

	private final String poolName;

	private final DataSource dataSource;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private volatile ReplicaStatus status = ReplicaStatus.NOT_SAMPLED;

	private volatile Runnable onRecovery = () -> {
	};

	/**
	 * Create a monitor; it samples once {@link #start(Duration)} is called.
	 * @param poolName the replica pool's name, for logs and the thread name
	 * @param dataSource a non-pooled source of connections to the replica
	 * @param clock the clock
	 */
	public ReplicaMonitor(String poolName, DataSource dataSource, Clock clock) {
		this.poolName = poolName;
		this.dataSource = dataSource;
		this.clock = clock;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pool-replica-monitor-" + poolName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Sample the replica now and then every interval.
	 * @param interval the interval
	 */
	public void start(Duration interval) {
		this.executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the latest status without querying the replica.
	 * @return the status
	 */
	public ReplicaStatus latest() {
		return this.status;
	}

	/**
	 * Run an action when a sample finds the replica answering after it did not, before
	 * the replica counts as reachable again: evicting the pool's connections there keeps
	 * connections the replica's restart killed from reaching a caller.
	 * @param action the action
	 */
	public void onRecovery(Runnable action) {
		this.onRecovery = action;
	}

	/**
	 * Record that the replica's pool could not connect: the replica counts as unreachable
	 * until a sample finds it answering again.
	 * @param reason the connection failure
	 */
	public void markUnreachable(String reason) {
		this.status = this.status.unreachable(reason, this.clock.instant());
	}

	/**
	 * Sample the replica now, on the caller's thread.
	 * @return the status
	 */
	public ReplicaStatus sample() {
		ReplicaStatus next;
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(QUERY)) {
			row.next();
			boolean inRecovery = row.getBoolean(1);
			double seconds = row.getDouble(2);
			Duration lag = row.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
			next = new ReplicaStatus(true, inRecovery, lag, null, this.clock.instant());
			if (!this.status.reachable()) {
				logger.info("Read replica '" + this.poolName + "' answers again");
				this.onRecovery.run();
			}
		}
		catch (SQLException ex) {
			next = TOO_MANY_CONNECTIONS.equals(ex.getSQLState()) ? this.status
					: this.status.unreachable(String.valueOf(ex.getMessage()), this.clock.instant());
		}
		this.status = next;
		return next;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// an escaping exception would cancel the schedule
			logger.debug("Pool '" + this.poolName + "': replica sample failed", ex);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
