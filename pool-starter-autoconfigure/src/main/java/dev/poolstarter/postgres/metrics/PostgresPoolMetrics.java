package dev.poolstarter.postgres.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.server.FleetShare;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

/**
 * Meters of a PostgreSQL pool beside HikariCP's own: the server view as gauges that read
 * the monitor's last scheduled sample (a scrape never queries the server), and the
 * borrows held past the leak-detection threshold.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PostgresPoolMetrics implements MeterBinder {

	private final ServerActivityMonitor monitor;

	private static final Duration LONGEST_EXPECTED_BORROW = Duration.ofHours(1);

	private final PoolUsage usage;

	private final FleetShare fleet;

	private final Tags tags;

	/**
	 * Create the meters of one pool.
	 * @param monitor the monitor of the pool's server
	 * @param usage the pool's usage
	 * @param fleet the fleet's connection budget
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public PostgresPoolMetrics(ServerActivityMonitor monitor, PoolUsage usage, FleetShare fleet, Tags tags) {
		this.monitor = monitor;
		this.usage = usage;
		this.fleet = fleet;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : ServerActivity.STATES) {
			String label = state.replace(" (aborted)", "_aborted").replace(' ', '_');
			connections(registry, label, "application", (activity) -> activity.application().get(state));
			connections(registry, label, "database", (activity) -> activity.database().get(state));
		}
		connections(registry, "all", "fleet", ServerActivity::fleetConnections);
		connections(registry, "all", "server", ServerActivity::serverConnections);
		gauge(registry, "pool.server.max.connections", "max_connections of the server", null,
				ServerActivity::maxConnections);
		gauge(registry, "pool.server.reserved.connections", "Connections reserved for superusers and reserved roles",
				null, ServerActivity::reservedConnections);
		gauge(registry, "pool.budget.utilization",
				"Share of the fleet budget that the service's instances hold on the server", null,
				this.fleet::utilization);
		gauge(registry, "pool.fleet.instances",
				"Instances of the service that hold a connection, from pg_stat_activity", null,
				(activity) -> activity.census().instances().size());
		gauge(registry, "pool.server.oldest.transaction", "Age of the oldest open transaction in the database",
				"seconds", (activity) -> seconds(activity.oldestTransaction()));
		gauge(registry, "pool.server.oldest.idle.in.transaction",
				"Age of the oldest session idle in a transaction in the database", "seconds",
				(activity) -> seconds(activity.oldestIdleInTransaction()));
		gauge(registry, "pool.server.blocked.queries", "Queries in the database waiting for a lock", null,
				ServerActivity::blockedQueries);
		gauge(registry, "pool.server.slow.queries", "Queries in the database running past the slow-query threshold",
				null, ServerActivity::slowQueries);
		Gauge.builder("pool.server.view.age", this.monitor, (monitor) -> seconds(monitor.sampleAge(Instant.now())))
			.description("Age of the last server sample, or time since start-up before the first one")
			.baseUnit("seconds")
			.tags(this.tags)
			.register(registry);
		bindLongBorrows(registry);
	}

	private void connections(MeterRegistry registry, String state, String scope,
			ToDoubleFunction<ServerActivity> value) {
		Gauge.builder("pool.server.connections", this.monitor, (monitor) -> read(monitor, value))
			.description("Server connections by state: this application's, the database's, the fleet's, the server's")
			.tags(this.tags)
			.tag("state", state)
			.tag("scope", scope)
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, String baseUnit,
			ToDoubleFunction<ServerActivity> value) {
		Gauge.builder(name, this.monitor, (monitor) -> read(monitor, value))
			.description(description)
			.baseUnit(baseUnit)
			.tags(this.tags)
			.register(registry);
	}

	private void bindLongBorrows(MeterRegistry registry) {
		bindLongBorrows(registry, this.usage, this.tags);
	}

	/**
	 * Bind the meters of the connections held past a pool's leak-detection threshold: a
	 * count when each crosses it, how many are held past it now, and the time held of
	 * those that came back.
	 * @param registry the registry
	 * @param usage the pool's usage
	 * @param tags the pool's tags
	 */
	public static void bindLongBorrows(MeterRegistry registry, PoolUsage usage, Tags tags) {
		Timer longBorrows = longBorrowsTimer(registry, usage.getLongBorrowThreshold(), tags);
		usage.onLongBorrow(longBorrows::record);
		FunctionCounter.builder("pool.connections.leaks", usage, (owner) -> owner.snapshot().leaks())
			.description("Borrows held past the leak-detection threshold, counted when they cross it, "
					+ "whether or not the connection comes back")
			.tags(tags)
			.register(registry);
		// no base unit: Prometheus would name it pool_connections_held_long_connections
		Gauge.builder("pool.connections.held.long", usage, PoolUsage::heldLong)
			.description("Threads that hold a connection past the leak-detection threshold now")
			.tags(tags)
			.register(registry);
	}

	static Timer longBorrowsTimer(MeterRegistry registry, Duration threshold, Tags tags) {
		Duration minimum = threshold.isZero() ? Duration.ofSeconds(1) : threshold;
		// Micrometer's default maximum expected value is 30s: a threshold above it (the prod
		// profiles' 60s) would be an invalid histogram, and a leak is often held for far longer
		Duration maximum = Collections.max(List.of(LONGEST_EXPECTED_BORROW, minimum.multipliedBy(2)));
		return Timer.builder("pool.connections.long.borrows")
			.description("Connections given back after being held past the leak-detection threshold, by time held")
			.tags(tags)
			.publishPercentileHistogram()
			.minimumExpectedValue(minimum)
			.maximumExpectedValue(maximum)
			.register(registry);
	}

	private static double read(ServerActivityMonitor monitor, ToDoubleFunction<ServerActivity> value) {
		ServerActivity activity = monitor.latest().activity();
		return (activity != null) ? value.applyAsDouble(activity) : Double.NaN;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
