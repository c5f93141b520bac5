package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.util.PropertyElf;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.settings.PgjdbcOptions;

/**
 * The unpooled connections of a pool's server monitor: the pool's connection settings
 * with the monitor's own application_name and timeouts short enough that a hung server
 * cannot hold the monitor for long.
 *
 * @author pool-starter
 */
public final class MonitorDataSource {

	private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

	private MonitorDataSource() {
	}

	public static DataSource create(PostgresPoolPlan plan, Duration timeout) {
		Properties properties = PgjdbcOptions.of(plan.connection(), plan.settings());
		long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
		properties.setProperty("applicationName",
				PostgresPoolPlanner.applicationName(plan.applicationName(), "monitor"));
		properties.setProperty("connectTimeout", Long.toString(seconds));
		properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
		if (PgjdbcOptions.sendsStartupOptions(plan.settings())) {
			// PgBouncer refuses start-up options; the socket timeout still bounds a hung
			// query there
			properties.setProperty("options", "-c statement_timeout=" + SOCKET_TIMEOUT.dividedBy(2).toMillis());
			properties.remove("prepareThreshold");
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		PropertyElf.setTargetFromProperties(dataSource, properties);
		dataSource.setLoginTimeout((int) seconds + 1);
		return dataSource;
	}

}
