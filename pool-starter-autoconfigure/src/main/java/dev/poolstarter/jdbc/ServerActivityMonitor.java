package dev.poolstarter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Samples a pool's {@link ServerActivity} over its own connection, never one borrowed
 * from the pool, so that a health check answers within its timeout even when the pool is
 * exhausted. Samples are reused while fresh, taken on a schedule for metrics, and one at
 * a time: concurrent callers share the sample in flight.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ServerActivityMonitor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ServerActivityMonitor.class);

	/**
	 * SQL state of "sorry, too many clients already": the server answered, it is full.
	 */
	private static final String TOO_MANY_CONNECTIONS = "53300";

	private final String poolName;

	private final DataSource dataSource;

	private final String applicationName;

	private final String service;

	private final Duration slowQueryThreshold;

	private final Duration timeout;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private volatile ServerView view;

	private final Instant createdAt;

	private @Nullable Future<ServerView> inFlight;

	/**
	 * Create a monitor.
	 * @param poolName the pool's name, for log messages
	 * @param dataSource a non-pooled source of connections to the pool's server
	 * @param applicationName the pool's application_name, which marks its connections
	 * @param service the service name, which starts every instance's application_name
	 * @param slowQueryThreshold running time after which a query counts as slow
	 * @param timeout longest wait for a sample
	 * @param clock the clock
	 */
	public ServerActivityMonitor(String poolName, DataSource dataSource, String applicationName, String service,
			Duration slowQueryThreshold, Duration timeout, Clock clock) {
		this.poolName = poolName;
		this.dataSource = dataSource;
		this.applicationName = applicationName;
		this.service = service;
		this.slowQueryThreshold = slowQueryThreshold;
		this.timeout = timeout;
		this.clock = clock;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pool-server-monitor-" + poolName);
			thread.setDaemon(true);
			return thread;
		});
		this.createdAt = clock.instant();
		this.view = new ServerView(null, true, true, "not sampled yet", this.createdAt);
	}

	/**
	 * Sample the server every interval from now on, for metrics.
	 * @param interval the interval
	 */
	public void startSampling(Duration interval) {
		this.executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return how old the latest sample is, or how long the monitor has run without one.
	 * @param now the current time
	 * @return the age
	 */
	public Duration sampleAge(Instant now) {
		ServerActivity activity = this.view.activity();
		return Duration.between((activity != null) ? activity.sampledAt() : this.createdAt, now);
	}

	/**
	 * Return the latest view without querying the server.
	 * @return the latest view
	 */
	public ServerView latest() {
		return this.view;
	}

	/**
	 * Return a view no older than the given age, sampling the server if needed and
	 * waiting at most the timeout; past it, the previous sample is returned marked stale.
	 * @param maxAge the oldest sample that may be reused
	 * @return the view
	 */
	public ServerView current(Duration maxAge) {
		ServerView latest = this.view;
		Duration age = latest.age(this.clock.instant());
		if (!latest.stale() && age != null && age.compareTo(maxAge) <= 0) {
			return latest;
		}
		Future<ServerView> sample = sampleInFlight();
		try {
			return sample.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the sample still runs: keep what the last attempt knew, so that a server that
			// drops packets turns DOWN once that attempt fails
			return new ServerView(this.view.activity(), this.view.reachable(), true,
					"no answer within " + this.timeout.toMillis() + " ms", this.clock.instant());
		}
		catch (ExecutionException ex) {
			return new ServerView(this.view.activity(), false, true, String.valueOf(ex.getCause()),
					this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.view;
		}
	}

	private synchronized Future<ServerView> sampleInFlight() {
		if (this.inFlight == null || this.inFlight.isDone()) {
			this.inFlight = this.executor.submit(this::sample);
		}
		return this.inFlight;
	}

	/**
	 * Runs on the monitor's own thread, so it samples directly: waiting for a task queued
	 * behind itself would never end.
	 */
	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// an escaping exception would cancel the schedule
			logger.debug("Pool '" + this.poolName + "': server sample failed", ex);
		}
	}

	private ServerView sample() {
		Instant attempted = this.clock.instant();
		ServerView next;
		try (Connection connection = this.dataSource.getConnection()) {
			ServerActivity activity = ServerActivityQuery.run(connection, this.applicationName, this.service,
					this.slowQueryThreshold, this.clock);
			next = new ServerView(activity, true, false, null, attempted);
		}
		catch (SQLException ex) {
			boolean reachable = TOO_MANY_CONNECTIONS.equals(ex.getSQLState());
			next = new ServerView(this.view.activity(), reachable, true, ex.getMessage(), attempted);
		}
		this.view = next;
		return next;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
