package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.profile.PostgresPoolSettings;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.ResolvedClientSettings;
import dev.poolstarter.jdbc.AdaptivePoolController;
import dev.poolstarter.jdbc.ConnectionAttempts;
import dev.poolstarter.jdbc.PoolUsage;
import dev.poolstarter.jdbc.UsageRecordingMetricsTrackerFactory;

/**
 * Builds and starts a {@link HikariDataSource} from a {@link PostgresPoolPlan}, through
 * pgjdbc's {@code PGSimpleDataSource} rather than a JDBC URL: with a URL, HikariCP sets
 * the JVM-wide DriverManager login timeout, and two pools overwrite each other's.
 *
 * @author pool-starter
 */
final class PostgresPoolFactory {

	private PostgresPoolFactory() {
	}

	static HikariConfig configure(PostgresPoolPlan plan, SpringDataSourceSettings springDataSource,
			List<JdbcPoolCustomizer> customizers) {
		HikariConfig config = new HikariConfig();
		springDataSource.bindOther(config);
		config.setPoolName(plan.poolName());
		config.setDataSourceClassName(PgjdbcProperties.DATA_SOURCE_CLASS_NAME);
		// spring.datasource.hikari.data-source-properties keep what the starter does not set
		Properties properties = new Properties();
		properties.putAll(config.getDataSourceProperties());
		properties.putAll(PgjdbcProperties.of(plan.connection(), plan.settings()));
		if (config.getDataSourceProperties().containsKey("tcpKeepAlive")) {
			properties.put("tcpKeepAlive", config.getDataSourceProperties().get("tcpKeepAlive"));
		}
		config.setDataSourceProperties(properties);
		applySettings(plan.settings(), config);
		String sessionSql = PgjdbcProperties.sessionSettingsSql(plan.settings());
		if (sessionSql != null) {
			config.setConnectionInitSql((config.getConnectionInitSql() != null)
					? sessionSql + "; " + config.getConnectionInitSql() : sessionSql);
		}
		if (!plan.server().isKnown()) {
			// the server was away at start-up: start empty, connect in the background
			config.setInitializationFailTimeout(-1);
		}
		if (AdaptiveSizing.isAdaptive(plan)) {
			AdaptiveSizing adaptive = AdaptiveSizing.of(plan);
			config.setMaximumPoolSize(adaptive.initialSize());
			config.setMinimumIdle(AdaptivePoolController.minIdleFor(adaptive.initialSize(), adaptive.minIdle()));
		}
		customizers.forEach((customizer) -> customizer.customize(plan.poolName(), config));
		return config;
	}

	/**
	 * Build and start a pool with the starter's usage tracking and connection attempts.
	 */
	static PoolStarterHikariDataSource create(PostgresPoolPlan plan, PoolUsage usage, ConnectionAttempts attempts,
			SpringDataSourceSettings springDataSource, List<JdbcPoolCustomizer> customizers) {
		HikariConfig config = configure(plan, springDataSource, customizers);
		if (config.getMetricRegistry() == null) {
			config.setMetricsTrackerFactory(
					new UsageRecordingMetricsTrackerFactory(usage, config.getMetricsTrackerFactory()));
		}
		return new PoolStarterHikariDataSource(config, attempts);
	}

	private static void applySettings(ResolvedClientSettings<PostgresPoolSettings> settings, HikariConfig config) {
		config.setMaximumPoolSize(maxConnections(settings));
		ifSet(settings.value(PostgresSetting.MIN_IDLE), config::setMinimumIdle);
		millis(settings.value(PostgresSetting.POOL_TIMEOUT), config::setConnectionTimeout);
		millis(settings.value(PostgresSetting.VALIDATION_TIMEOUT), config::setValidationTimeout);
		millis(settings.value(PostgresSetting.MAX_LIFETIME), config::setMaxLifetime);
		millis(settings.value(PostgresSetting.IDLE_TIMEOUT), config::setIdleTimeout);
		millis(settings.value(PostgresSetting.KEEPALIVE), config::setKeepaliveTime);
		millis(settings.value(PostgresSetting.LEAK_DETECTION_THRESHOLD), config::setLeakDetectionThreshold);
		ifSet(settings.value(PostgresSetting.READ_ONLY), config::setReadOnly);
	}

	private static int maxConnections(ResolvedClientSettings<PostgresPoolSettings> settings) {
		return settings.value(PostgresSetting.MAX_CONNECTIONS).connections();
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
