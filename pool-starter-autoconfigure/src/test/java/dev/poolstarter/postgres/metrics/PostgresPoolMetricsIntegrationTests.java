package dev.poolstarter.postgres.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolMetricsAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolMetricsAutoConfiguration;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the pool's meters against a real PostgreSQL, with Spring Boot's
 * own metrics auto-configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresPoolMetricsIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				JdbcPoolAutoConfiguration.class, JdbcPoolMetricsAutoConfiguration.class,
				PostgresPoolMetricsAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=metrics-it", "pool.instance-id=m1", "pool.profile=staging",
				"pool.metrics.sample-interval=100ms", "pool.postgres.leak-detection-threshold=2s");

	@Test
	void hikariMetersCarryServiceProfileAndRoleTags() {
		this.contextRunner.run((context) -> {
			context.getBean(HikariDataSource.class).getConnection().close();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("hikaricp.connections.max")
				.tag("pool", "primary")
				.tag("service", "metrics-it")
				.tag("profile", "staging")
				.tag("role", "primary")
				.gauge()
				.value()).isEqualTo(10);
		});
	}

	@Test
	void serverGaugesFollowTheScheduledSample() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Connection held = dataSource.getConnection()) {
				held.setAutoCommit(false);
				held.createStatement().execute("SELECT 1");
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(registry.get("pool.server.connections")
						.tag("scope", "application")
						.tag("state", "idle_in_transaction")
						.tag("service", "metrics-it")
						.gauge()
						.value()).isEqualTo(1));
				int maxConnections = context.getBean(ServerActivityMonitor.class).latest().activity().maxConnections();
				assertThat(registry.get("pool.server.max.connections").gauge().value()).isEqualTo(maxConnections);
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(registry.get("pool.server.oldest.idle.in.transaction").gauge().value())
						.isGreaterThanOrEqualTo(0.2));
				assertThat(registry.get("pool.budget.utilization").gauge().value()).isGreaterThan(0);
				held.rollback();
			}
		});
	}

	@Test
	void countsBorrowsHeldPastTheLeakDetectionThreshold() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Connection quick = dataSource.getConnection()) {
				quick.isValid(1);
			}
			try (Connection slow = dataSource.getConnection()) {
				Thread.sleep(2100);
			}
			Timer longBorrows = registry.get("pool.connections.long.borrows").tag("service", "metrics-it").timer();
			assertThat(longBorrows.count()).isEqualTo(1);
			assertThat(longBorrows.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2000);
		});
	}

	@Test
	void reportsAConnectionStillHeldPastTheThresholdWithItsThreadAndCountsItThen(CapturedOutput output)
			throws Exception {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(dataSource.getLeakDetectionThreshold()).as("HikariCP's own detection").isZero();
			CountDownLatch borrowed = new CountDownLatch(1);
			CountDownLatch giveBack = new CountDownLatch(1);
			Thread holder = new Thread(() -> {
				try (Connection connection = dataSource.getConnection()) {
					borrowed.countDown();
					holdUntil(giveBack);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, "leaky-report-job");
			holder.start();
			borrowed.await();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get("pool.connections.leaks").tag("service", "metrics-it")
					.functionCounter()
					.count()).isEqualTo(1));
			assertThat(registry.get("pool.connections.held.long").tag("service", "metrics-it").gauge().value())
				.isEqualTo(1);
			assertThat(output).contains("Pool 'primary': thread 'leaky-report-job' has held a connection for ")
				.contains("past the leak-detection threshold of 2s, and still holds it; the thread is now at")
				.contains("PostgresPoolMetricsIntegrationTests.holdUntil")
				.doesNotContain("Connection leak detection triggered");
			giveBack.countDown();
			holder.join();
			assertThat(registry.get("pool.connections.held.long").tag("service", "metrics-it").gauge().value())
				.isZero();
			assertThat(registry.get("pool.connections.long.borrows").tag("service", "metrics-it").timer().count())
				.isEqualTo(1);
			assertThat(output).contains("the connection that thread 'leaky-report-job' held past the leak-detection "
					+ "threshold has come back");
		});
	}

	@Test
	void aConnectionTheServerEndedIsNoLongerHeldByItsThread() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			PoolUsage usage = context.getBean(PoolUsage.class);
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				assertThat(usage.borrowingThreads()).containsExactly(Thread.currentThread());
				ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()");
				pid.next();
				try (Connection admin = server.connect(); Statement terminate = admin.createStatement()) {
					terminate.execute("SELECT pg_terminate_backend(" + pid.getInt(1) + ")");
				}
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT 1"));
			}
			assertThat(usage.borrowingThreads()).as("HikariCP dropped it as broken").isEmpty();
			assertThat(usage.heldLong()).isZero();
		});
	}

	private static void holdUntil(CountDownLatch latch) throws InterruptedException {
		latch.await();
	}

}
