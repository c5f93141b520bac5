package dev.poolstarter.autoconfigure.postgres.jpa;

import java.time.Duration;

import javax.sql.DataSource;

import dev.poolstarter.test.TestReplica;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.postgres.replica.ReadReplicaRoutingDataSource;
import dev.poolstarter.postgres.replica.ReadReplicas;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of read replicas under Hibernate and Spring Data JPA, against a real
 * primary and its streaming replica ({@link TestReplica}): the work of a
 * {@code @Transactional(readOnly = true)} method (with {@code SUPPORTS} propagation too)
 * and a repository's own finders run on the replica, read-write work on the primary, with
 * {@code spring.datasource.connection-fetch} unset or {@code lazy}; a transaction without
 * a statement borrows from neither pool; the shutdown drains both pools; and without the
 * lazy proxy the same read-only work would run on the primary, which is why it is there.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadReplicaJpaIntegrationTests {

	private static TestReplica replica;

	private final ApplicationContextRunner contextRunner = JpaApplication.runner(replica.primary().poolProperties())
		.withPropertyValues("pool.postgres.replicas=" + replica.jdbcUrl(), "pool.postgres.replica.check-interval=200ms");

	@BeforeAll
	static void startReplica() {
		replica = TestReplica.start();
	}

	@AfterAll
	static void removeReplica() {
		if (replica != null) {
			replica.close();
		}
	}

	@Test
	void readOnlyJpaTransactionsRunOnTheReplicaAndReadWriteOnesOnThePrimary() {
		this.contextRunner.run(ReadReplicaJpaIntegrationTests::assertRouting);
	}

	@Test
	void withLazyConnectionFetchReadsStillRunOnTheReplicaBehindOneProxy(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			LazyConnectionDataSourceProxy dataSource = context.getBean("dataSource",
					LazyConnectionDataSourceProxy.class);
			assertThat(dataSource.getTargetDataSource()).isInstanceOf(ReadReplicaRoutingDataSource.class);
			assertRouting(context);
		});
		assertThat(output).contains("Draining PostgreSQL pool(s) ['primary', 'replica-1']");
	}

	@Test
	void aJpaTransactionWithoutStatementBorrowsFromNeitherPool() {
		this.contextRunner.run((context) -> {
			Listings listings = context.getBean(Listings.class);
			assertThat(listings.inRecoveryReadOnly()).isTrue();
			assertThat(listings.inRecoveryReadWrite()).isFalse();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			long primary = JpaApplication.borrows(registry, "primary");
			long replica1 = JpaApplication.borrows(registry, "replica-1");
			for (int i = 0; i < 5; i++) {
				listings.readOnlyWithoutStatement();
				listings.readWriteWithoutStatement();
			}
			assertThat(JpaApplication.borrows(registry, "primary")).isEqualTo(primary);
			assertThat(JpaApplication.borrows(registry, "replica-1")).isEqualTo(replica1);
			listings.inRecoveryReadOnly();
			assertThat(JpaApplication.borrows(registry, "replica-1")).as("a statement borrows")
				.isEqualTo(replica1 + 1);
		});
	}

	@Test
	void withoutTheLazyProxyReadOnlyJpaWorkWouldRunOnThePrimary() {
		this.contextRunner.withBean(BeanPostProcessor.class, () -> new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof LazyConnectionDataSourceProxy proxy) ? proxy.getTargetDataSource() : bean;
			}

		}).run((context) -> {
			assertThat(context.getBean("dataSource", DataSource.class))
				.isInstanceOf(ReadReplicaRoutingDataSource.class);
			assertThat(context.getBean(Listings.class).inRecoveryReadOnly())
				.as("JpaTransactionManager takes the connection before the read-only flag is set")
				.isFalse();
		});
	}

	private static void assertRouting(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
		assertThat(context.getBean("dataSource")).isInstanceOf(LazyConnectionDataSourceProxy.class);
		Listings listings = context.getBean(Listings.class);
		ListingRepository repository = context.getBean(ListingRepository.class);
		assertThat(listings.inRecoveryReadOnly()).isTrue();
		assertThat(listings.inRecoveryReadWrite()).isFalse();
		assertThat(listings.inRecoveryReadOnlySupports()).as("read-only without a transaction around it").isTrue();
		long id = listings.add("written on the primary");
		Listing read = await().atMost(Duration.ofSeconds(10))
			.until(() -> listings.find(id).orElse(null), (listing) -> listing != null);
		assertThat(read.getTitle()).isEqualTo("written on the primary");
		assertThat(read.isReadOnReplica()).as("read in a read-only transaction").isTrue();
		assertThat(repository.findById(id)).get()
			.satisfies((listing) -> assertThat(listing.isReadOnReplica()).as("the repository's own finder").isTrue());
		assertThat(context.getBean(ReadReplicas.class).fallbacks()).isZero();
	}

}
