package dev.poolstarter.postgres.pgbouncer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.poolstarter.postgres.server.BoundedSampler;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

/**
 * Samples PgBouncer's {@code SHOW POOLS} and {@code SHOW STATS} for one pool over a
 * connection of its own to the admin console. Like {@link ServerActivityMonitor}, it
 * reuses fresh samples, waits at most its timeout, samples on a schedule for metrics, and
 * runs one sample at a time.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PgBouncerMonitor implements AutoCloseable {

	private final String poolName;

	private final PgBouncerAddress address;

	private final String database;

	private final String user;

	private final String applicationName;

	private final Duration timeout;

	private final Clock clock;

	private final BoundedSampler<PgBouncerView> sampler;

	private volatile PgBouncerView view;

	/**
	 * Create a monitor.
	 * @param poolName the pool's name, for log messages
	 * @param address where PgBouncer's admin console answers
	 * @param database the pool's database, as clients name it
	 * @param user the pool's user
	 * @param applicationName the application_name of the monitor's connections
	 * @param timeout longest wait for a sample
	 * @param clock the clock
	 */
	public PgBouncerMonitor(String poolName, PgBouncerAddress address, String database, String user,
			String applicationName, Duration timeout, Clock clock) {
		this.poolName = poolName;
		this.address = address;
		this.database = database;
		this.user = user;
		this.applicationName = applicationName;
		this.timeout = timeout;
		this.clock = clock;
		this.view = new PgBouncerView(null, true, true, "not sampled yet", clock.instant());
		this.sampler = new BoundedSampler<>("pool-pgbouncer-monitor-" + poolName, this::sample, () -> this.view,
				(failed, reason, at) -> new PgBouncerView(this.view.stats(), !failed && this.view.reachable(), true,
						reason, at),
				timeout, clock);
	}

	/**
	 * Return where the admin console answers.
	 * @return the address, whose {@code toString} hides the password
	 */
	public PgBouncerAddress address() {
		return this.address;
	}

	/**
	 * Sample PgBouncer every interval from now on, for metrics.
	 * @param interval the interval
	 */
	public void startSampling(Duration interval) {
		this.sampler.startSampling(interval);
	}

	/**
	 * Return the latest view without asking PgBouncer.
	 * @return the latest view
	 */
	public PgBouncerView latest() {
		return this.view;
	}

	/**
	 * Return a view no older than the given age, sampling PgBouncer if needed and waiting
	 * at most the timeout; past it, the previous sample is returned marked stale.
	 * @param maxAge the oldest sample that may be reused
	 * @return the view
	 */
	public PgBouncerView current(Duration maxAge) {
		return this.sampler.current(maxAge);
	}

	private PgBouncerView sample() {
		Instant attempted = this.clock.instant();
		PgBouncerView next;
		try (PgBouncerAdminClient client = PgBouncerAdminClient.connect(this.address, this.applicationName,
				this.timeout)) {
			PgBouncerStats stats = PgBouncerStats.of(client.query("SHOW POOLS"), client.query("SHOW STATS"),
					this.database, this.user, this.clock.instant());
			next = new PgBouncerView(stats, true, false, null, attempted);
		}
		catch (SQLException ex) {
			next = new PgBouncerView(this.view.stats(), !String.valueOf(ex.getSQLState()).startsWith("08"), true, ex.getMessage(),
					attempted);
		}
		this.view = next;
		return next;
	}

	@Override
	public void close() {
		this.sampler.close();
	}

}
