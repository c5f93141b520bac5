package dev.poolstarter.autoconfigure.postgres.jpa;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of {@code spring.datasource.connection-fetch=lazy} on the starter's
 * pool, under Hibernate and Spring Data JPA, against a real PostgreSQL: the
 * {@code dataSource} is a lazy proxy over the pool, a transaction without a statement
 * borrows nothing (and does borrow without the property), and the pool's meters, health
 * and shutdown drain still find the pool behind the proxy.
 */
@ExtendWith(OutputCaptureExtension.class)
class LazyConnectionFetchIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = JpaApplication.runner(server.poolProperties());

	@Test
	void lazyConnectionFetchPutsALazyProxyOverTheStartersPool(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			assertThat(context).hasNotFailed();
			LazyConnectionDataSourceProxy dataSource = context.getBean("dataSource",
					LazyConnectionDataSourceProxy.class);
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(context.getBeanNamesForType(HikariDataSource.class)).containsExactly("primaryDataSource");
			assertThat(dataSource.getTargetDataSource()).isSameAs(pool);
			assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
			Listings listings = context.getBean(Listings.class);
			long id = listings.add("through the lazy proxy");
			assertThat(listings.find(id)).get()
				.satisfies((listing) -> assertThat(listing.getTitle()).isEqualTo("through the lazy proxy"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("hikaricp.connections.max").tag("pool", pool.getPoolName()).gauges()).hasSize(1);
			assertThat(JpaApplication.borrows(registry, pool.getPoolName())).isPositive();
			Health health = context.getBean(PostgresPoolHealthIndicator.class).health(true);
			assertThat(health.getStatus()).as("the shared server may be under strain").isIn(Status.UP,
					HealthStatuses.DEGRADED);
			assertThat(client(health)).containsEntry("maximum", 3);
		});
		assertThat(output).contains("Draining PostgreSQL pool(s) ['primary']");
	}

	@Test
	void withLazyConnectionFetchATransactionWithoutStatementBorrowsNothing() {
		this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy")
			.run((context) -> assertThat(borrowsOfTransactionsWithoutStatement(context.getBean(Listings.class),
					context.getBean(MeterRegistry.class)))
				.isZero());
	}

	@Test
	void withEagerConnectionFetchEachTransactionBorrows() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean("dataSource")).isInstanceOf(HikariDataSource.class);
			assertThat(borrowsOfTransactionsWithoutStatement(context.getBean(Listings.class),
					context.getBean(MeterRegistry.class)))
				.isEqualTo(10);
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> client(Health health) {
		return (Map<String, Object>) health.getDetails().get("client");
	}

	private static long borrowsOfTransactionsWithoutStatement(Listings listings, MeterRegistry registry) {
		listings.inRecoveryReadOnly();
		long before = JpaApplication.borrows(registry, "primary");
		for (int i = 0; i < 5; i++) {
			listings.readOnlyWithoutStatement();
			listings.readWriteWithoutStatement();
		}
		return JpaApplication.borrows(registry, "primary") - before;
	}

}
