package dev.poolstarter.postgres.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

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

	private final BoundedSampler<ServerView> sampler;

	private volatile ServerView view;

	private final Instant createdAt;

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
		this.createdAt = clock.instant();
		this.view = new ServerView(null, true, true, "not sampled yet", this.createdAt);
		this.sampler = new BoundedSampler<>("pool-server-monitor-" + poolName, this::sample, () -> this.view,
				(failed, reason, at) -> new ServerView(this.view.activity(), !failed && this.view.reachable(), true,
						reason, at),
				timeout, clock);
	}

	/**
	 * Sample the server every interval from now on, for metrics.
	 * @param interval the interval
	 */
	public void startSampling(Duration interval) {
		this.sampler.startSampling(interval);
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
		return this.sampler.current(maxAge);
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
		this.sampler.close();
	}

}
