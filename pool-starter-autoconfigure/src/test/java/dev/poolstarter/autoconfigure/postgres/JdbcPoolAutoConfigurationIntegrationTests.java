package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import dev.poolstarter.postgres.DatabaseUnreachableException;
import dev.poolstarter.postgres.JdbcPoolCustomizer;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.PostgresSettingsException;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.pool.PoolExhaustedException;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.server.FleetBudgetExceededException;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.settings.Resolved;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfigurationTests.findCause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link JdbcPoolAutoConfiguration} against a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcPoolAutoConfigurationIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=orders", "pool.instance-id=it-1");

	@Test
	void buildsTheDevPoolThroughPgSimpleDataSource() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getPoolName()).isEqualTo("primary");
			assertThat(dataSource.getDataSource()).as("pgjdbc's data source, behind the connection attempts' record")
				.satisfies((source) -> assertThat(source.isWrapperFor(PGSimpleDataSource.class)).isTrue());
			assertThat(dataSource.getJdbcUrl()).isNull();
			assertThat(dataSource.getMaximumPoolSize()).isEqualTo(5);
			assertThat(dataSource.getMinimumIdle()).isEqualTo(1);
			assertThat(dataSource.getConnectionTimeout()).isEqualTo(10_000);
			assertThat(dataSource.getLeakDetectionThreshold()).as("HikariCP's, off: the starter sweeps").isZero();
			assertThat(context.getBean(PoolUsage.class).getLongBorrowThreshold()).isEqualTo(Duration.ofSeconds(10));
			assertThat(query(dataSource, "SELECT 1")).isEqualTo("1");
		});
	}

	@Test
	void serverSideTimeoutsAreSessionSettingsOfEveryPooledConnection() {
		this.contextRunner.withPropertyValues("pool.postgres.lock-timeout=2500ms").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(query(dataSource, "SHOW statement_timeout")).isEqualTo("30s");
			assertThat(query(dataSource, "SHOW idle_in_transaction_session_timeout")).isEqualTo("1min");
			assertThat(query(dataSource, "SHOW lock_timeout")).isEqualTo("2500ms");
		});
	}

	@Test
	void applicationNameShowsServiceAndInstanceInPgStatActivity() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(query(dataSource,
					"SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
				.isEqualTo("orders/it-1");
		});
	}

	@Test
	void honoursSpringDatasourceHikariWherePoolSaysNothing() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7",
					"spring.datasource.hikari.connection-timeout=3000", "spring.datasource.hikari.auto-commit=false")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(7);
				assertThat(dataSource.getConnectionTimeout()).isEqualTo(3000);
				assertThat(dataSource.isAutoCommit()).isFalse();
				assertThat(context.getBean(PostgresPoolPlan.class).settings().get(PostgresSetting.MAX_CONNECTIONS))
					.isEqualTo(new Resolved<>(PoolSize.of(7), "spring.datasource.hikari.maximum-pool-size"));
			});
	}

	@Test
	void perServiceEntryWinsOverSpringDatasourceHikari() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7",
					"pool.services.orders.postgres.max-connections=9")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(9));
	}

	@Test
	void springDatasourceUrlParametersRankBelowPoolProperties() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()
					+ (server.jdbcUrl().contains("?") ? "&" : "?") + "socketTimeout=90",
					"spring.datasource.username=" + server.username(), "spring.application.name=orders",
					"pool.services.orders.postgres.socket-timeout=40s")
			.run((context) -> assertThat(context.getBean(PostgresPoolPlan.class)
				.settings()
				.get(PostgresSetting.SOCKET_TIMEOUT)
				.origin()).isEqualTo("pool.services.orders.postgres.socket-timeout"));
	}

	@Test
	void keepsSpringDatasourceHikariDataSourceProperties() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true")
					.containsKey("applicationName");
			});
	}

	@Test
	void transactionPoolingStartsWithoutSendingServerTimeoutsOrCheckingTheServerBudget() {
		this.contextRunner.withPropertyValues("pool.postgres.pgbouncer=transaction", "pool.profile=prod",
				"pool.instances=100")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(query(dataSource, "SHOW statement_timeout")).isEqualTo("0");
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.settings().get(PostgresSetting.STATEMENT_TIMEOUT).origin()).contains("not sent");
				assertThat(plan.warnings()).anyMatch((warning) -> warning.startsWith("pgbouncer=transaction"));
			});
	}

	@Test
	void unknownHostIsNotRetried() {
		this.contextRunner.withPropertyValues("pool.postgres.url=jdbc:postgresql://no-such-host.invalid:5432/app")
			.run((context) -> {
				DatabaseUnreachableException failure = findCause(context.getStartupFailure(),
						DatabaseUnreachableException.class);
				assertThat(failure.getAttempts()).isEqualTo(1);
				assertThat(failure.isRetryable()).isFalse();
			});
	}

	@Test
	void usesSpringDatasourceUrlAndCredentials() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
					"spring.datasource.username=" + server.username(),
					"spring.datasource.password=" + ((server.password() != null) ? server.password() : ""))
			.run((context) -> {
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.connection().url().source()).isEqualTo("spring.datasource.url");
				assertThat(plan.connection().usernameOrigin()).isEqualTo("spring.datasource.username");
				assertThat(query(context.getBean(HikariDataSource.class), "SELECT 1")).isEqualTo("1");
			});
	}

	@Test
	void databaseUrlWithPrismaParametersSizesThePool() {
		this.contextRunner
			.withPropertyValues("pool.postgres.url=", "pool.postgres.username=", "pool.postgres.password=",
					"DATABASE_URL=" + server.databaseUrl("connection_limit=3&pool_timeout=4&schema=public"))
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
				assertThat(dataSource.getConnectionTimeout()).isEqualTo(4000);
				assertThat(query(dataSource, "SELECT current_schema()")).isEqualTo("public");
				assertThat(context.getBean(PostgresPoolPlan.class).settings().get(PostgresSetting.MAX_CONNECTIONS)
					.origin()).isEqualTo("DATABASE_URL connection_limit");
			});
	}

	@Test
	void autoSizeSharesTheFormulaAmongInstances() {
		this.contextRunner
			.withPropertyValues("pool.profile=prod-high-traffic", "pool.postgres.database-cores=4",
					"pool.instances=2")
			.run((context) -> {
				assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(4);
				assertThat(context.getBean(PostgresPoolPlan.class).settings().get(PostgresSetting.MAX_CONNECTIONS)
					.origin()).contains("4 database cores").contains("/ 2 instance(s) = 4");
			});
	}

	@Test
	void budgetCheckUsesTheServersRealMaxConnections() throws SQLException {
		int maxConnections = Integer.parseInt(plainQuery("SHOW max_connections"));
		int reserved = Integer.parseInt(plainQuery("SHOW superuser_reserved_connections"));
		int fleet = (int) Math.floor(0.8 * (maxConnections - reserved - reservedConnections()));
		this.contextRunner.withPropertyValues("pool.profile=prod", "pool.instances=100").run((context) -> {
			FleetBudgetExceededException failure = findCause(context.getStartupFailure(),
					FleetBudgetExceededException.class);
			assertThat(failure.getBudget().maxConnections()).isEqualTo(maxConnections);
			assertThat(failure.getMessage()).contains("100 instance(s) x 15 connections = 1500 > " + fleet);
			assertThat(failure.getBudget().largestPoolSize()).isEqualTo(fleet / 100);
		});
	}

	@Test
	void budgetCheckWarnStartsAndReportsTheOverrun() {
		this.contextRunner.withPropertyValues("pool.profile=prod", "pool.instances=100", "pool.postgres.budget-check=warn")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PostgresPoolPlan.class).warnings()).anyMatch(
						(warning) -> warning.startsWith("Fleet over budget: 100 instance(s) x 15 connections"));
			});
	}

	@Test
	void maxLifetimeMustStayBelowTheServersIdleSessionTimeout() {
		this.contextRunner
			.withPropertyValues("pool.postgres.url=" + server.jdbcUrl()
					+ (server.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20idle_session_timeout%3D60000")
			.run((context) -> {
				PostgresSettingsException failure = findCause(context.getStartupFailure(), PostgresSettingsException.class);
				assertThat(failure.getProblem()).contains("idle_session_timeout=1m");
				assertThat(failure.getAction()).contains("max-lifetime to 54s");
			});
	}

	@Test
	void failFastStopsAfterOneAttemptOnAClosedPort() {
		this.contextRunner.withPropertyValues(closedPortUrl(), "pool.postgres.fail-fast=true").run((context) -> {
			DatabaseUnreachableException failure = findCause(context.getStartupFailure(),
					DatabaseUnreachableException.class);
			assertThat(failure.getAttempts()).isEqualTo(1);
			assertThat(failure.getElapsed()).isLessThan(Duration.ofSeconds(2));
		});
	}

	@Test
	void retriesWithinTheStartupTimeoutThenStartsWithoutTheDatabaseAndServesOnceItIsBack(CapturedOutput output) {
		int port = FreePort.closed();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(
					dev.poolstarter.autoconfigure.postgres.PostgresPoolHealthContributorAutoConfiguration.class))
			.withPropertyValues("pool.postgres.url=jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName(),
					"pool.postgres.startup-timeout=3s", "pool.postgres.pool-timeout=1s", "pool.health.cache-ttl=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("retrying in 1.0 s").contains("(attempt 2)")
					.contains("starting without it");
				dev.poolstarter.postgres.health.PostgresPoolHealthIndicator health = context
					.getBean(dev.poolstarter.postgres.health.PostgresPoolHealthIndicator.class);
				assertThat(health.health(true).getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThatExceptionOfType(dev.poolstarter.postgres.pool.PoolExhaustedException.class)
					.isThrownBy(dataSource::getConnection)
					.as("a database out of reach is not reported as a busy pool")
					.withMessageContaining("the database is out of reach")
					.withMessageNotContaining("is exhausted")
					.withRootCauseInstanceOf(java.net.ConnectException.class);
				try (TcpProxy proxy = TcpProxy.start(port, server.host(), server.port())) {
					await().atMost(Duration.ofSeconds(20))
						.ignoreExceptions()
						.untilAsserted(() -> assertThat(query(dataSource, "SELECT 1")).isEqualTo("1"));
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(health.health(true).getStatus())
							.isEqualTo(org.springframework.boot.health.contributor.Status.UP));
					await().atMost(Duration.ofSeconds(15))
						.untilAsserted(() -> assertThat(output).contains("the server answers now"));
				}
			});
	}

	@Test
	void startsOnceTheDatabaseAnswers() throws Exception {
		int port = FreePort.closed();
		CompletableFuture<TcpProxy> proxy = CompletableFuture.supplyAsync(() -> {
			sleep(Duration.ofMillis(1500));
			return TcpProxy.start(port, server.host(), server.port());
		});
		try {
			this.contextRunner
				.withPropertyValues("pool.postgres.url=jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName(),
						"pool.postgres.startup-timeout=15s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(query(context.getBean(HikariDataSource.class), "SELECT 1")).isEqualTo("1");
				});
		}
		finally {
			proxy.get(10, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void missingDatabaseIsNotRetried() {
		this.contextRunner
			.withPropertyValues("pool.postgres.url=jdbc:postgresql://" + server.host() + ":" + server.port()
					+ "/no_such_database_for_pool_starter")
			.run((context) -> {
				DatabaseUnreachableException failure = findCause(context.getStartupFailure(),
						DatabaseUnreachableException.class);
				assertThat(failure.getAttempts()).isEqualTo(1);
				assertThat(failure.getSqlState()).isEqualTo("3D000");
			});
	}

	@Test
	void flywayAndJdbcTemplateUseTheStartersPool() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("spring.flyway.locations=classpath:db/pool-it",
					"spring.flyway.default-schema=pool_starter_it", "spring.flyway.schemas=pool_starter_it")
			.run((context) -> {
				JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
				assertThat(jdbcTemplate.getDataSource()).isSameAs(context.getBean(HikariDataSource.class));
				assertThat(jdbcTemplate.queryForObject("SELECT name FROM pool_starter_it.listing WHERE id = 1",
						String.class))
					.isEqualTo("first");
			});
	}

	@Test
	void metricsTrackerIsInstalledBeforeThePoolStarts() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JdbcPoolMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				query(dataSource, "SELECT 1");
				assertThat(context.getBean(MeterRegistry.class)
					.find("hikaricp.connections.max")
					.tag("pool", "primary")
					.gauge()
					.value()).isEqualTo(5);
			});
	}

	@Test
	void customizersAdjustTheConfigurationBeforeStart() {
		this.contextRunner
			.withBean(JdbcPoolCustomizer.class, () -> (poolName, config) -> config.setAutoCommit(false))
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).isAutoCommit()).isFalse());
	}

	@Test
	void startupTableShowsValuesAndOriginsButNoPassword(CapturedOutput output) {
		this.contextRunner.withPropertyValues("pool.postgres.password=hunter2-secret", "pool.profile=staging")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("PostgreSQL pool 'primary' for service 'orders'")
					.containsPattern("max-connections\\s+10\\s+profile staging")
					.containsPattern("application-name\\s+orders/it-1\\s+default: service/instance-id")
					.containsPattern("fleet budget\\s+1 instance\\(s\\) x 10 connections")
					.doesNotContain("hunter2-secret");
			});
	}

	private static String closedPortUrl() {
		return "pool.postgres.url=jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/app";
	}

	private static String databaseName() {
		String path = server.jdbcUrl().substring(server.jdbcUrl().lastIndexOf('/') + 1);
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

	private static int reservedConnections() throws SQLException {
		String value = plainQuery("SELECT coalesce(current_setting('reserved_connections', true), '0')");
		return Integer.parseInt(value);
	}

	private static String plainQuery(String sql) throws SQLException {
		try (Connection connection = server.connect()) {
			return query(connection, sql);
		}
	}

	private static String query(HikariDataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return query(connection, sql);
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
