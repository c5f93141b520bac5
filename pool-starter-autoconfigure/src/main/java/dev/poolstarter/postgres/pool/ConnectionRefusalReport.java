package dev.poolstarter.postgres.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerView;

/**
 * Logs a pool that the server keeps below its minimum: one WARN per interval while its
 * attempts to connect fail, naming what the server answered, the pool's counts and the
 * server's, and one INFO when connections open again. HikariCP retries such attempts
 * quietly, so without this a pool could run at half its size with nothing in the log.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ConnectionRefusalReport implements ConnectionAttempts.Listener {

	private static final Log logger = LogFactory.getLog(ConnectionRefusalReport.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final HikariDataSource pool;

	private final Supplier<ServerView> server;

	private final AtomicLong nextWarningAt = new AtomicLong(System.nanoTime());

	private final AtomicLong unreported = new AtomicLong();

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create a report.
	 * @param pool the pool
	 * @param server the server's latest view, read without querying the server
	 */
	public ConnectionRefusalReport(HikariDataSource pool, Supplier<ServerView> server) {
		this.pool = pool;
		this.server = server;
	}

	@Override
	public void failed(ConnectionAttempts.Failure failure) {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		if (bean == null || bean.getTotalConnections() >= this.pool.getMinimumIdle()) {
			return;
		}
		long now = System.nanoTime();
		long next = this.nextWarningAt.get();
		if (now - next < 0 || !this.nextWarningAt.compareAndSet(next, now + INTERVAL_NANOS)) {
			this.unreported.incrementAndGet();
			return;
		}
		this.warned.set(true);
		long others = this.unreported.getAndSet(0);
		logger.warn("Pool '" + this.pool.getPoolName() + "' holds " + bean.getTotalConnections()
				+ " of its minimum " + this.pool.getMinimumIdle() + " connections (maximum "
				+ this.pool.getMaximumPoolSize() + "): " + failure.explain() + "; "
				+ failure.inARow() + " attempt(s) failed in a row" + ((others > 0) ? ", " + others
						+ " more since the last report" : "")
				+ serverCounts() + ". " + advice(failure.reason()));
	}

	@Override
	public void succeeded(int failedBefore) {
		if (failedBefore > 0 && this.warned.compareAndSet(true, false)) {
			HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
			logger.info("Pool '" + this.pool.getPoolName() + "' opens connections again after " + failedBefore
					+ " failed attempt(s)" + ((bean != null) ? " (holds " + (bean.getTotalConnections() + 1)
							+ " of its minimum " + this.pool.getMinimumIdle() + ")" : ""));
		}
	}

	private String serverCounts() {
		ServerView view = this.server.get();
		ServerActivity activity = view.activity();
		if (activity == null) {
			return "";
		}
		Duration age = Duration.between(activity.sampledAt(), Instant.now());
		return "; the server's last sample, " + age.toSeconds() + " s old: " + activity.serverConnections()
				+ " of max_connections " + activity.maxConnections() + " in use (" + activity.reservedConnections()
				+ " reserved), this application " + activity.applicationTotal();
	}

	private static String advice(ConnectionAttempts.Reason reason) {
		return switch (reason) {
			case SERVER_FULL -> "Free connections on the server (other applications, idle sessions), raise the"
					+ " server's max_connections or the role's connection limit, or lower pool.postgres.min-idle";
			case UNREACHABLE -> "Check that the server runs and answers on the pool's address";
			case LOGIN_REFUSED -> "Check the pool's user, password and database";
			case OTHER -> "See the server's log for why it refuses";
		};
	}

}
