package dev.poolstarter.postgres.pgbouncer;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the PgBouncer in front of a pool, from its {@code SHOW POOLS} and
 * {@code SHOW STATS}: clients and server connections by state, the longest client wait,
 * and the transactions and queries it pooled. They read the monitor's last scheduled
 * sample: a scrape never queries PgBouncer.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class PgBouncerMetrics implements MeterBinder {

	private final PgBouncerMonitor monitor;

	private final Tags tags;

	/**
	 * Create the meters of one pool's PgBouncer.
	 * @param monitor the monitor of PgBouncer's admin console
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public PgBouncerMetrics(PgBouncerMonitor monitor, Tags tags) {
		this.monitor = monitor;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String clients = "Clients of PgBouncer for the pool's database and user: active (linked or idle), waiting "
				+ "for a server connection";
		gauge(registry, "pool.pgbouncer.clients", clients, "active", PgBouncerStats::clientsActive);
		gauge(registry, "pool.pgbouncer.clients", clients, "waiting", PgBouncerStats::clientsWaiting);
		String servers = "PgBouncer's server connections for the pool's database and user: active (linked to a "
				+ "client), idle, used (idle, to be checked before reuse)";
		gauge(registry, "pool.pgbouncer.servers", servers, "active", PgBouncerStats::serversActive);
		gauge(registry, "pool.pgbouncer.servers", servers, "idle", PgBouncerStats::serversIdle);
		gauge(registry, "pool.pgbouncer.servers", servers, "used", PgBouncerStats::serversUsed);
		Gauge.builder("pool.pgbouncer.max.wait", this.monitor,
				(monitor) -> read(monitor, (stats) -> stats.maxWait().toNanos() / 1e9))
			.description("How long the oldest client has waited in PgBouncer for a server connection")
			.baseUnit("seconds")
			.tags(this.tags)
			.register(registry);
		counter(registry, "pool.pgbouncer.transactions", "Transactions PgBouncer pooled for the pool's database",
				PgBouncerStats::transactions);
		counter(registry, "pool.pgbouncer.queries", "Queries PgBouncer pooled for the pool's database",
				PgBouncerStats::queries);
	}

	private void gauge(MeterRegistry registry, String name, String description, String state,
			ToDoubleFunction<PgBouncerStats> value) {
		Gauge.builder(name, this.monitor, (monitor) -> read(monitor, value))
			.description(description)
			.tags(this.tags)
			.tag("state", state)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<PgBouncerStats> value) {
		FunctionCounter.builder(name, this.monitor, (monitor) -> {
			PgBouncerStats stats = monitor.latest().stats();
			return (stats != null) ? value.applyAsDouble(stats) : 0;
		}).description(description).tags(this.tags).register(registry);
	}

	private static double read(PgBouncerMonitor monitor, ToDoubleFunction<PgBouncerStats> value) {
		PgBouncerStats stats = monitor.latest().stats();
		return (stats != null) ? value.applyAsDouble(stats) : Double.NaN;
	}

}
