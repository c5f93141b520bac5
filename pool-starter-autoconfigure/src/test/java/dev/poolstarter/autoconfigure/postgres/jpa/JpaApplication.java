package dev.poolstarter.autoconfigure.postgres.jpa;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolMetricsAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolTransactionManagerAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolHealthContributorAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolMetricsAutoConfiguration;
import dev.poolstarter.autoconfigure.shutdown.ShutdownAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * A small JPA application on the starter's pools: Hibernate, a Spring Data JPA
 * repository and a transactional service, with Spring Boot's auto-configurations in the
 * order an application gets them.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = Listing.class)
@EnableJpaRepositories(basePackageClasses = ListingRepository.class)
@Import(Listings.class)
class JpaApplication {

	static ApplicationContextRunner runner(String... connection) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class,
					JdbcPoolTransactionManagerAutoConfiguration.class, DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, PostgresPoolHealthContributorAutoConfiguration.class,
					MetricsAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class,
					JdbcPoolMetricsAutoConfiguration.class, PostgresPoolMetricsAutoConfiguration.class,
					ShutdownAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(JpaApplication.class)
			.withPropertyValues(connection)
			.withPropertyValues("spring.application.name=jpa-it", "pool.postgres.max-connections=3",
					"pool.postgres.min-idle=0", "pool.health.cache-ttl=0s", "spring.jpa.hibernate.ddl-auto=update");
	}

	/**
	 * How many connections a pool has lent so far, from HikariCP's own meter.
	 * @param registry the registry of the context
	 * @param poolName the pool
	 * @return the number of borrows
	 */
	static long borrows(MeterRegistry registry, String poolName) {
		return registry.get("hikaricp.connections.acquire").tag("pool", poolName).timer().count();
	}

}
