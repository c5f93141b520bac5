package dev.poolstarter.postgres.statements;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.BoundedSampler;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

/**
 * Samples {@code pg_stat_statements} for the pool's database over connections of its own,
 * never one borrowed from the pool, on a schedule of its own slower than the
 * {@link ServerActivityMonitor}'s: reading the extension's statistics and texts costs the
 * server more than {@code pg_stat_activity}. Health, the endpoint and scrapes read the
 * latest sample and never query. Once the extension is found, a sample is one query,
 * bounded by the timeout; while it is missing, one query looks for it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class SlowStatementsMonitor implements AutoCloseable {

	private final DataSource dataSource;

	private final Duration threshold;

	private final int top;

	private final boolean ownRoleOnly;

	private final Duration timeout;

	private final Clock clock;

	private final BoundedSampler<StatementsView> sampler;

	private volatile StatementsView view;

	private volatile @Nullable StatementsExtension extension;

	private volatile @Nullable Duration interval;

	/**
	 * Create a monitor.
	 * @param poolName the pool's name, which names the sampling thread
	 * @param dataSource a non-pooled source of connections to the pool's database, as the
	 * pool's role
	 * @param threshold mean execution time past which a statement counts as slow
	 * @param top how many statements each list keeps
	 * @param ownRoleOnly whether only the pool's role's statements count, rather than
	 * every role's in the database
	 * @param timeout longest time a sample may take
	 * @param clock the clock
	 */
	public SlowStatementsMonitor(String poolName, DataSource dataSource, Duration threshold, int top,
			boolean ownRoleOnly, Duration timeout, Clock clock) {
		this.dataSource = dataSource;
		this.threshold = threshold;
		this.top = top;
		this.ownRoleOnly = ownRoleOnly;
		this.timeout = timeout;
		this.clock = clock;
		this.view = new StatementsView(null, true, true, "not sampled yet", clock.instant());
		this.sampler = new BoundedSampler<>("pool-statements-monitor-" + poolName, this::sample, () -> this.view,
				(failed, reason, at) -> new StatementsView(this.view.statistics(), !failed && this.view.reachable(),
						true, reason, at),
				timeout, clock);
	}

	/**
	 * Sample the extension every interval from now on.
	 * @param interval the interval
	 */
	public void startSampling(Duration interval) {
		this.interval = interval;
		this.sampler.startSampling(interval);
	}

	/**
	 * Return the latest view without querying the server.
	 * @return the latest view
	 */
	public StatementsView latest() {
		return this.view;
	}

	/**
	 * Return a view no older than the given age, sampling if needed and waiting at most
	 * the timeout; past it, the previous sample is returned marked stale.
	 * @param maxAge the oldest sample that may be reused
	 * @return the view
	 */
	public StatementsView current(Duration maxAge) {
		return this.sampler.current(maxAge);
	}

	/**
	 * Return the mean execution time past which a statement counts as slow.
	 * @return the threshold
	 */
	public Duration threshold() {
		return this.threshold;
	}

	/**
	 * Return how often the extension is sampled.
	 * @return the interval, or {@code null} before sampling started
	 */
	public @Nullable Duration interval() {
		return this.interval;
	}

	private StatementsView sample() {
		Instant attempted = this.clock.instant();
		StatementsView next;
		StatementsExtension found = this.extension;
		try (Connection connection = this.dataSource.getConnection()) {
			if (found == null || !found.installed()) {
				found = StatementStatisticsQuery.discover(connection, this.timeout);
			}
			next = new StatementsView(statistics(connection, found), true, false, null, attempted);
			this.extension = found;
		}
		catch (SQLException ex) {
			// look again next time: the extension may have been dropped, moved or updated
			this.extension = null;
			if (found != null && StatementStatisticsQuery.NOT_LOADED.equals(ex.getSQLState())) {
				next = new StatementsView(StatementStatistics.unavailable(this.clock.instant(),
						StatementStatistics.Availability.NOT_LOADED, found, this.ownRoleOnly), true, false, null,
						attempted);
			}
			else {
				next = new StatementsView(this.view.statistics(), isReachable(ex), true, ex.getMessage(), attempted);
			}
		}
		this.view = next;
		return next;
	}

	private StatementStatistics statistics(Connection connection, StatementsExtension found) throws SQLException {
		if (!found.installed()) {
			return StatementStatistics.unavailable(this.clock.instant(), StatementStatistics.Availability.NOT_INSTALLED,
					found, this.ownRoleOnly);
		}
		return StatementStatisticsQuery.run(connection, found, this.ownRoleOnly, this.threshold, this.top,
				this.timeout, this.clock);
	}

	private static boolean isReachable(SQLException ex) {
		return !String.valueOf(ex.getSQLState()).startsWith("08");
	}

	@Override
	public void close() {
		this.sampler.close();
	}

}
