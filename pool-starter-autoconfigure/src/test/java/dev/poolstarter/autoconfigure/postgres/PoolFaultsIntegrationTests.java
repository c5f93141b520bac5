package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.pool.DrainableDataSource;
import dev.poolstarter.postgres.pool.PoolExhaustedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
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
 * Integration tests of the pool under faults injected on the real server: an exhausted
 * pool, every pool connection killed by the server, a server that stops answering, and a
 * server that keeps the pool below its minimum.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolFaultsIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=faults-it", "pool.instance-id=f1",
				"pool.postgres.max-connections=4", "pool.postgres.min-idle=4", "pool.postgres.pool-timeout=500ms");

	@Test
	void exhaustedPoolFailsFastWithATypedException() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			List<Connection> held = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					held.add(dataSource.getConnection());
				}
				long start = System.nanoTime();
				assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(dataSource::getConnection)
					.satisfies((ex) -> {
						assertThat(ex.getPoolTimeout()).isEqualTo(Duration.ofMillis(500));
						assertThat(ex.getMessage()).contains("is exhausted").contains("active=4").contains("within 500 ms");
						assertThat(ex.isDatabaseUnavailable()).isFalse();
					});
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			}
			finally {
				for (Connection connection : held) {
					connection.close();
				}
			}
			try (Connection recovered = dataSource.getConnection()) {
				assertThat(recovered.isValid(1)).as("the pool recovers as the load drops").isTrue();
			}
		});
	}

	@Test
	void aPoolThatStoppedLendingFailsBorrowsAtOnceAndLendsAgainWhenResumed() {
		this.contextRunner.withPropertyValues("pool.postgres.pool-timeout=30s").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			DrainableDataSource drainable = (DrainableDataSource) dataSource;
			List<Connection> held = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					held.add(dataSource.getConnection());
				}
				drainable.stopLending();
				long start = System.nanoTime();
				assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(dataSource::getConnection)
					.withMessageContaining("is shutting down");
				assertThat(Duration.ofNanos(System.nanoTime() - start))
					.as("refused without waiting the 30 s pool timeout for a connection of the exhausted pool")
					.isLessThan(Duration.ofSeconds(10));
			}
			finally {
				for (Connection connection : held) {
					connection.close();
				}
			}
			drainable.resumeLending();
			query(dataSource);
		});
	}

	@Test
	void requestsRecoverAfterTheServerKillsEveryPoolConnection() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 4);
			int killed = terminateBackends("faults-it/f1");
			assertThat(killed).isEqualTo(4);
			AtomicInteger failures = new AtomicInteger();
			AtomicInteger successes = new AtomicInteger();
			AtomicLong recoveredAt = new AtomicLong();
			long start = System.nanoTime();
			ExecutorService load = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 80; i++) {
				load.execute(() -> {
					try {
						query(dataSource);
						successes.incrementAndGet();
						recoveredAt.compareAndSet(0, System.nanoTime());
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
				});
			}
			load.shutdown();
			assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			assertThat(failures.get() + successes.get()).as("every request answered").isEqualTo(80);
			assertThat(failures.get()).as("at most one failed request per killed connection")
				.isLessThanOrEqualTo(killed);
			assertThat(recoveredAt.get()).as("a request worked after the kill").isNotZero();
			assertThat(Duration.ofNanos(recoveredAt.get() - start)).as("time to the first request that works")
				.isLessThan(Duration.ofSeconds(2));
			System.out.println("pg_terminate_backend of " + killed + " connections under 4 concurrent clients: "
					+ failures.get() + " failed request(s) of 80, first success after "
					+ (recoveredAt.get() - start) / 1_000_000 + " ms");
		});
	}

	@Test
	void aServerThatStopsAnsweringIsNamedAsSuchNotAsAnExhaustedPool() {
		try (TcpProxy proxy = TcpProxy.start(0, server.host(), server.port())) {
			this.contextRunner.withPropertyValues(proxied(proxy))
				.withPropertyValues("pool.postgres.min-idle=0", "pool.postgres.pool-timeout=2s")
				.run((context) -> {
					HikariDataSource dataSource = context.getBean(HikariDataSource.class);
					try (Connection held = dataSource.getConnection()) {
						proxy.freeze();
						assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(dataSource::getConnection)
							.satisfies((ex) -> {
								assertThat(ex.isDatabaseUnavailable()).as(ex.getMessage()).isTrue();
								assertThat(ex.getMessage()).startsWith("Pool 'primary' has no connection within 2000 ms: ")
									.containsAnyOf("the database does not answer", "the database is out of reach")
									.doesNotContain("exhausted");
							});
					}
					finally {
						proxy.thaw();
					}
				});
		}
	}

	@Test
	void aPoolThatTheServerKeepsBelowItsMinimumSaysSoInTheLogHealthAndMeters(CapturedOutput output)
			throws SQLException {
		String role = "faults_full_" + UUID.randomUUID().toString().substring(0, 8);
		execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 3");
		try {
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(PostgresPoolHealthContributorAutoConfiguration.class,
						MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, PostgresPoolMetricsAutoConfiguration.class))
				.withPropertyValues("pool.postgres.username=" + role, "pool.postgres.password=",
						"pool.postgres.min-idle=4", "pool.health.cache-ttl=0s")
				.run((context) -> {
					HikariDataSource dataSource = context.getBean(HikariDataSource.class);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					// the first refusal may come below 3, while the backend of the start-up check
					// still counts against the role; the warning comes once a minute at most
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(output.getOut())
							.containsPattern("Pool 'primary' holds [0-3] of its minimum 4 connections \\(maximum 4\\): "
									+ "the server refuses new connections \\(FATAL: too many connections for role"));
					await().atMost(Duration.ofSeconds(30))
						.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 3);
					Health health = context.getBean(PostgresPoolHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
					assertThat((List<?>) health.getDetails().get("reasons")).anyMatch((reason) -> reason.toString()
						.startsWith("the pool holds 3 of its minimum 4 connections and cannot open more: "
								+ "the server refuses new connections"));
					assertThat(registry.get("pool.connection.attempts.failed")
						.tag("reason", "server_full")
						.tag("pool", "primary")
						.functionCounter()
						.count()).isGreaterThanOrEqualTo(1);
					assertThat(registry.get("pool.connection.attempts.failing").gauge().value())
						.isGreaterThanOrEqualTo(1);
					execute("ALTER ROLE " + role + " CONNECTION LIMIT 10");
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(output.getOut())
							.contains("Pool 'primary' opens connections again after"));
					await().atMost(Duration.ofSeconds(10))
						.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 4);
				});
		}
		finally {
			terminateRole(role);
			execute("DROP ROLE " + role);
		}
	}

	private static String proxied(TcpProxy proxy) {
		return "pool.postgres.url=" + server.jdbcUrl().replace(":" + server.port() + "/", ":" + proxy.port() + "/");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void terminateRole(String role) throws SQLException {
		execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
	}

	private static void query(HikariDataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

	private static int terminateBackends(String applicationName) throws SQLException {
		try (Connection connection = server.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
			statement.setString(1, applicationName);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
