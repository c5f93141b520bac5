package dev.poolstarter.postgres.statements;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge of statements whose mean execution time in {@code pg_stat_statements} is past
 * the slow-statement threshold. It reads the monitor's last scheduled sample (a scrape
 * never queries the server), is NaN while the extension gives nothing, and carries no
 * statement text: those are on the {@code pool} endpoint.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class SlowStatementsMetrics implements MeterBinder {

	private final SlowStatementsMonitor monitor;

	private final Tags tags;

	/**
	 * Create the meters of one pool's database.
	 * @param monitor the monitor of pg_stat_statements
	 * @param tags tags of every meter: service, profile, pool and role
	 */
	public SlowStatementsMetrics(SlowStatementsMonitor monitor, Tags tags) {
		this.monitor = monitor;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("pool.statements.slow", this.monitor, SlowStatementsMetrics::slow)
			.description("Statements of the database whose mean execution time since the last "
					+ "pg_stat_statements_reset() is past the slow-statement threshold")
			.tags(this.tags)
			.register(registry);
	}

	private static double slow(SlowStatementsMonitor monitor) {
		StatementStatistics statistics = monitor.latest().statistics();
		return (statistics != null && statistics.available()) ? statistics.slow() : Double.NaN;
	}

}
