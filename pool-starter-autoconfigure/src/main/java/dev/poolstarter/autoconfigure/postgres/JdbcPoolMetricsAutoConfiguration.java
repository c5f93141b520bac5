package dev.poolstarter.autoconfigure.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import dev.poolstarter.postgres.JdbcPoolCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration that gives each pool HikariCP's Micrometer metrics tracker before
 * the pool starts: a started pool's configuration is sealed, so Spring Boot's own binder
 * cannot add the tracker afterwards.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(before = JdbcPoolAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, HikariConfig.class, JdbcPoolAutoConfiguration.class })
public final class JdbcPoolMetricsAutoConfiguration {

	JdbcPoolMetricsAutoConfiguration() {
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	static JdbcPoolCustomizer micrometerMetricsTrackerCustomizer(ObjectProvider<MeterRegistry> registry) {
		return (poolName, config) -> {
			MeterRegistry meterRegistry = registry.getIfUnique();
			if (meterRegistry != null && config.getMetricsTrackerFactory() == null
					&& config.getMetricRegistry() == null) {
				config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meterRegistry));
			}
		};
	}

}
