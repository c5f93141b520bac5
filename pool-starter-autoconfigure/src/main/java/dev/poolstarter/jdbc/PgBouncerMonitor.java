package dev.poolstarter.jdbc;

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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private static final Log logger = LogFactory.getLog(PgBouncerMonitor.class);

	private final String poolName;

	private final PgBouncerAddress address;

	private final String database;

	private final String user;

	private final String applicationName;

	private final Duration timeout;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private volatile PgBouncerView view;

	private @Nullable Future<PgBouncerView> inFlight;

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
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pool-pgbouncer-monitor-" + poolName);
			thread.setDaemon(true);
			return thread;
		});
		this.view = new PgBouncerView(null, true, true, "not sampled yet", clock.instant());
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
		this.executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
		PgBouncerView latest = this.view;
		Duration age = latest.age(this.clock.instant());
		if (!latest.stale() && age != null && age.compareTo(maxAge) <= 0) {
			return latest;
		}
		Future<PgBouncerView> sample = sampleInFlight();
		try {
			return sample.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return new PgBouncerView(this.view.stats(), this.view.reachable(), true,
					"no answer within " + this.timeout.toMillis() + " ms", this.clock.instant());
		}
		catch (ExecutionException ex) {
			return new PgBouncerView(this.view.stats(), false, true, String.valueOf(ex.getCause()),
					this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.view;
		}
	}

	private synchronized Future<PgBouncerView> sampleInFlight() {
		if (this.inFlight == null || this.inFlight.isDone()) {
			this.inFlight = this.executor.submit(this::sample);
		}
		return this.inFlight;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// an escaping exception would cancel the schedule
			logger.debug("Pool '" + this.poolName + "': PgBouncer sample failed", ex);
		}
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
		this.executor.shutdownNow();
	}

}
