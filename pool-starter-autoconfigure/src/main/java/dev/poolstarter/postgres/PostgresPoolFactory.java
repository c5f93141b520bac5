package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.BrokenConnectionOverride;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;
import dev.poolstarter.postgres.pool.UsageRecordingMetricsTrackerFactory;
import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * Builds and starts a {@link HikariDataSource} from a {@link PostgresPoolPlan}, through
 * pgjdbc's {@code PGSimpleDataSource} rather than a JDBC URL: with a URL, HikariCP sets
 * the JVM-wide DriverManager login timeout, and two pools overwrite each other's.
 *
 * @author pool-starter
 */
public final class PostgresPoolFactory {

	private PostgresPoolFactory() {
	}

	/**
	 * Configure a pool from its plan.
	 * @param plan the plan
	 * @param base sets what the plan does not on a new configuration first, such as the
	 * application's {@code spring.datasource.hikari.*} properties
	 * @param customizers the application's customizers, applied last
	 * @return the configuration
	 */
	public static HikariConfig configure(PostgresPoolPlan plan, Consumer<HikariConfig> base,
			List<JdbcPoolCustomizer> customizers) {
		HikariConfig config = new HikariConfig();
		base.accept(config);
		config.setPoolName(plan.poolName());
		config.setDataSourceClassName(PgjdbcOptions.DATA_SOURCE_CLASS_NAME);
		// spring.datasource.hikari.data-source-properties keep what the starter does not set
		Properties properties = new Properties();
		properties.putAll(config.getDataSourceProperties());
		properties.putAll(PgjdbcOptions.of(plan.connection(), plan.settings()));
		if (config.getDataSourceProperties().containsKey("tcpKeepAlive")) {
			properties.put("tcpKeepAlive", config.getDataSourceProperties().get("tcpKeepAlive"));
		}
		config.setDataSourceProperties(properties);
		applySettings(plan, config);
		String sessionSql = PgjdbcOptions.sessionSettingsSql(plan.settings());
		if (sessionSql != null) {
			config.setConnectionInitSql((config.getConnectionInitSql() != null)
					? sessionSql + "; " + config.getConnectionInitSql() : sessionSql);
		}
		if (!plan.server().isKnown()) {
			// the server was away at start-up: start empty, connect in the background
			config.setInitializationFailTimeout(-1);
		}
		customizers.forEach((customizer) -> customizer.customize(plan.poolName(), config));
		return config;
	}

	/**
	 * Build and start a pool with the starter's usage tracking and connection attempts.
	 * @param plan the plan
	 * @param usage records the pool's borrows
	 * @param attempts records the pool's attempts to connect
	 * @param breaker fails borrows at once while the database is out of reach, or
	 * {@code null}
	 * @param base sets what the plan does not on a new configuration first
	 * @param customizers the application's customizers, applied last
	 * @return the started pool
	 */
	public static PostgresHikariDataSource create(PostgresPoolPlan plan, PoolUsage usage, ConnectionAttempts attempts,
			@Nullable DatabaseCircuitBreaker breaker, Consumer<HikariConfig> base, List<JdbcPoolCustomizer> customizers) {
		HikariConfig config = configure(plan, base, customizers);
		if (config.getMetricRegistry() == null) {
			config.setMetricsTrackerFactory(
					new UsageRecordingMetricsTrackerFactory(usage, config.getMetricsTrackerFactory()));
			config.setExceptionOverride(new BrokenConnectionOverride(usage, config.getExceptionOverride()));
		}
		if (breaker != null) {
			attempts.addListener(breaker);
		}
		return new PostgresHikariDataSource(config, attempts, breaker);
	}

	private static void applySettings(PostgresPoolPlan plan, HikariConfig config) {
		ResolvedSettings<PostgresSettings> settings = plan.settings();
		config.setMaximumPoolSize(plan.initialSize());
		ifSet(plan.minIdle(), config::setMinimumIdle);
		millis(settings.value(PostgresSetting.POOL_TIMEOUT), config::setConnectionTimeout);
		millis(settings.value(PostgresSetting.VALIDATION_TIMEOUT), config::setValidationTimeout);
		millis(settings.value(PostgresSetting.MAX_LIFETIME), config::setMaxLifetime);
		millis(settings.value(PostgresSetting.IDLE_TIMEOUT), config::setIdleTimeout);
		millis(settings.value(PostgresSetting.KEEPALIVE), config::setKeepaliveTime);
		// the pool's usage sweeps for leaks (PoolUsage): HikariCP's own detection would
		// capture a stack and schedule a task on every borrow
		config.setLeakDetectionThreshold(0);
		ifSet(settings.value(PostgresSetting.READ_ONLY), config::setReadOnly);
	}

	private static <T> void ifSet(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	private static void millis(@Nullable Duration value, Consumer<Long> setter) {
		if (value != null) {
			setter.accept(value.toMillis());
		}
	}

}
