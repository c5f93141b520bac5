package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.autoconfigure.shutdown.ShutdownAutoConfiguration;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.PoolUsageReport;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.settings.Resolved;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the pool's periodic log line ({@link PoolUsageReport}) against a
 * real PostgreSQL: its figures under a known load, the profiles that turn it on, and its
 * stop before the pool drains at shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolUsageReportIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final Pattern LINE = Pattern.compile("Pool 'primary': active=(\\d+) idle=(\\d+) waiting=(\\d+) "
			+ "max=(\\d+) borrows/s=(\\d+\\.\\d) acquire\\.p99=([\\d.]+)ms held\\.mean=([\\d.]+)ms timeouts=(\\d+) "
			+ "server\\.utilization=(\\d+%|unknown)");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class,
				MetricsAutoConfiguration.class, PostgresPoolMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=logline-it", "pool.instance-id=l1",
				"pool.metrics.sample-interval=100ms");

	@Test
	void logsTheWaitAndTheTimeHeldOfABorrowBehindAnother(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("pool.postgres.log-interval=200ms", "pool.postgres.max-connections=1")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				CompletableFuture<Void> holder = hold(dataSource, 400);
				CompletableFuture<Void> waiter = hold(dataSource, 400);
				holder.get(10, TimeUnit.SECONDS);
				waiter.get(10, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines(output))
					.as("a line with the second borrow's wait behind the first")
					.anySatisfy((line) -> assertThat(Double.parseDouble(line.group(6))).isGreaterThan(300))
					.as("a line with the borrows' time held")
					.anySatisfy((line) -> assertThat(Double.parseDouble(line.group(7))).isGreaterThan(300))
					.as("a line with the server's utilization from the meters' sample")
					.anySatisfy((line) -> assertThat(line.group(9)).endsWith("%")));
				assertThat(lines(output)).allSatisfy((line) -> {
					assertThat(line.group(4)).isEqualTo("1");
					assertThat(line.group(8)).isEqualTo("0");
				});
				assertThat(lines(output)).as("borrows counted once, in the line of the interval they ended in")
					.extracting((line) -> Double.parseDouble(line.group(5)))
					.anySatisfy((rate) -> assertThat(rate).isPositive());
			});
	}

	@Test
	void logsOneLinePerIntervalWithThePoolsCountersNow(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("pool.postgres.log-interval=200ms", "pool.postgres.max-connections=2",
					"pool.postgres.min-idle=2")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				try (Connection connection = dataSource.getConnection()) {
					int before = lines(output).size();
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(linesAfter(output, before)).anySatisfy((line) -> {
							assertThat(line.group(1)).as("active").isEqualTo("1");
							assertThat(line.group(2)).as("idle").isEqualTo("1");
							assertThat(line.group(3)).as("waiting").isEqualTo("0");
							assertThat(line.group(4)).as("max").isEqualTo("2");
						}));
				}
				await().atMost(Duration.ofSeconds(20)).until(() -> lines(output).size() >= 5);
			});
	}

	@Test
	void devLogsNoLineAndCountsNoAcquireTimes() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(PostgresPoolPlan.class).settings().get(PostgresSetting.LOG_INTERVAL))
				.isEqualTo(new Resolved<>(Duration.ZERO, "profile dev"));
			assertThat(context.getBean(PoolUsageReport.class).isRunning()).isFalse();
			assertThat(context.getBean(PoolUsage.class).getAcquireTimes()).isNull();
		});
	}

	@Test
	void prodLogsALineEveryMinute() {
		this.contextRunner.withPropertyValues("pool.profile=prod", "pool.postgres.max-connections=2")
			.run((context) -> {
				assertThat(context.getBean(PostgresPoolPlan.class).settings().get(PostgresSetting.LOG_INTERVAL))
					.isEqualTo(new Resolved<>(Duration.ofMinutes(1), "profile prod"));
				PoolUsageReport report = context.getBean(PoolUsageReport.class);
				assertThat(report.isRunning()).isTrue();
				assertThat(report.getInterval()).isEqualTo(Duration.ofMinutes(1));
				assertThat(context.getBean(PoolUsage.class).getAcquireTimes()).isNotNull();
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnReport() {
		PoolUsageReport own = new PoolUsageReport(Duration.ZERO, List.of());
		this.contextRunner.withPropertyValues("pool.postgres.log-interval=200ms")
			.withBean(PoolUsageReport.class, () -> own)
			.run((context) -> assertThat(context).getBean(PoolUsageReport.class).isSameAs(own));
	}

	@Test
	void theLinesStopBeforeThePoolDrains(CapturedOutput output) {
		CompletableFuture<Void> work = new CompletableFuture<>();
		this.contextRunner.withConfiguration(AutoConfigurations.of(ShutdownAutoConfiguration.class))
			.withPropertyValues("pool.postgres.log-interval=100ms")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(20)).until(() -> !lines(output).isEmpty());
				CountDownLatch borrowed = new CountDownLatch(1);
				Thread worker = new Thread(() -> {
					try (Connection connection = context.getBean(HikariDataSource.class).getConnection();
							Statement statement = connection.createStatement()) {
						borrowed.countDown();
						statement.execute("SELECT pg_sleep(1)");
						work.complete(null);
					}
					catch (Exception ex) {
						work.completeExceptionally(ex);
					}
				}, "slow-request");
				worker.start();
				assertThat(borrowed.await(5, TimeUnit.SECONDS)).isTrue();
			});
		assertThat(work).as("the drain waited for the request").isCompleted();
		String log = output.getOut();
		int drain = log.indexOf("Draining PostgreSQL pool(s) ['primary'] (1 connection(s) in use");
		assertThat(drain).as("the drain waited for the borrowed connection").isPositive();
		assertThat(log.substring(drain)).doesNotContain("Pool 'primary': active=");
	}

	/**
	 * Borrow a connection on another thread, once it is borrowed keep it for the given
	 * time, and give it back.
	 */
	private static CompletableFuture<Void> hold(HikariDataSource dataSource, int millis) throws InterruptedException {
		CountDownLatch borrowed = new CountDownLatch(1);
		// a thread of its own: the common pool has one thread on 2 cores, and on JDK 25 it runs
		// the second borrow only after the first, so that it never waits
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				borrowed.countDown();
				statement.execute("SELECT pg_sleep(" + millis / 1000.0 + ")");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, (task) -> new Thread(task, "borrower").start());
		borrowed.await(10, TimeUnit.SECONDS);
		return done;
	}

	private static List<MatchResult> lines(CapturedOutput output) {
		return LINE.matcher(output.getOut()).results().toList();
	}

	/**
	 * The lines logged after the first {@code count}, read from one snapshot of the output
	 * (a line can be logged between two reads).
	 */
	private static List<MatchResult> linesAfter(CapturedOutput output, int count) {
		List<MatchResult> lines = lines(output);
		return lines.subList(count, lines.size());
	}

}
