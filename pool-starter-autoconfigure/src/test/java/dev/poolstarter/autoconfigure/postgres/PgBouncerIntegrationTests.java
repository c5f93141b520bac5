package dev.poolstarter.autoconfigure.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPgBouncer;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.autoconfigure.StartupFailureAnalysis;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.adaptive.AdaptivePoolController;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.pgbouncer.PgBouncerCompatibilityCheck;
import dev.poolstarter.postgres.pgbouncer.PgBouncerMonitor;
import dev.poolstarter.postgres.settings.PostgresSetting;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests against a real PgBouncer in transaction mode, two server connections
 * per pool, in front of the test PostgreSQL: the starter's settings run repeated prepared
 * statements and keep the server-side timeouts, plain pgjdbc settings fail the way users
 * report, and PgBouncer's own view reaches health and metrics. The pool logs in as a role
 * of its own, whose defaults (ALTER ROLE ... SET) touch nothing else on the server.
 */
@ExtendWith(OutputCaptureExtension.class)
class PgBouncerIntegrationTests {

	private static final String ROLE = "pool_it_pgbouncer";

	private static final String ROLE_PASSWORD = "pool-it-pgbouncer";

	private static final String REPEATED = "SELECT count(*) FROM pg_class WHERE relkind = ?";

	private static final TestPostgres.Server server = TestPostgres.get();

	private static String database;

	private static TestPgBouncer pgbouncer;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.application.name=pgbouncer-it", "pool.instance-id=b1", "pool.postgres.min-idle=0",
				"pool.postgres.statement-timeout=1s", "pool.postgres.idle-in-transaction-session-timeout=1m");

	@BeforeAll
	static void startPgBouncer() throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			database = connection.getCatalog();
			statement.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD
					+ "'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
			statement.execute("ALTER ROLE " + ROLE + " IN DATABASE \"" + database + "\" SET statement_timeout = '1s'");
			statement.execute("ALTER ROLE " + ROLE + " IN DATABASE \"" + database
					+ "\" SET idle_in_transaction_session_timeout = '60s'");
		}
		pgbouncer = TestPgBouncer.builder(server).defaultPoolSize(2).user(ROLE, ROLE_PASSWORD).start();
	}

	@AfterAll
	static void stopPgBouncer() {
		if (pgbouncer != null) {
			pgbouncer.close();
		}
	}

	@Test
	void starterSettingsRunRepeatedPreparedStatementsOnSharedServerConnections() {
		this.contextRunner.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"),
				"pool.postgres.max-connections=6")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getDataSourceProperties()).containsEntry("prepareThreshold", "0")
					.doesNotContainKey("options");
				List<SQLException> errors = runConcurrently(dataSource, 6, 25, 4);
				assertThat(errors).isEmpty();
			});
	}

	@Test
	void plainPgjdbcPreparedStatementsFailAsUsersReport() throws SQLException {
		List<String> errors = interleavedTransactions(new Properties());
		assertThat(errors).anyMatch((error) -> error.matches("(?s).*prepared statement \"S_\\d+\" does not exist.*"))
			.anyMatch((error) -> error.matches("(?s).*prepared statement \"S_\\d+\" already exists.*"));
		Properties starterSetting = new Properties();
		starterSetting.setProperty("prepareThreshold", "0");
		assertThat(interleavedTransactions(starterSetting)).isEmpty();
	}

	@Test
	void plainPgjdbcStartupOptionsAreRefusedOrDropped() throws SQLException {
		Properties options = new Properties();
		options.setProperty("options", "-c statement_timeout=4321");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> plainConnection(options).close())
			.withMessageContaining("unsupported startup parameter: options");
		try (TestPgBouncer ignoring = TestPgBouncer.builder(server)
			.setting("ignore_startup_parameters", "extra_float_digits,options")
			.user(ROLE, ROLE_PASSWORD)
			.start();
				Connection connection = DriverManager.getConnection(ignoring.jdbcUrl(database),
						credentials(options))) {
			assertThat(show(connection, "statement_timeout")).isEqualTo("1s");
		}
	}

	@Test
	void startupOptionsThroughPgBouncerStopStartupNamingTheSettingToUse() {
		FailureAnalysis analysis = StartupFailureAnalysis
			.of(this.contextRunner.withPropertyValues("pool.postgres.url=" + url("connect_timeout=5")));
		assertThat(analysis.getDescription()).contains("after 1 attempt(s)")
			.contains("unsupported startup parameter: options")
			.doesNotContain(ROLE_PASSWORD);
		assertThat(analysis.getAction()).contains("Set pool.postgres.pgbouncer=transaction")
			.contains("ignore_startup_parameters");
	}

	@Test
	void sessionSettingsOutsideATransactionLeakToOtherClients() throws SQLException {
		try (Connection setter = plainConnection(new Properties());
				Connection other = plainConnection(new Properties())) {
			setter.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
			assertThat(show(other, "transaction_isolation")).isEqualTo("serializable");
			setter.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		}
	}

	@Test
	void roleTimeoutsCancelLongStatementsThroughPgBouncer() {
		this.contextRunner.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true")).run((context) -> {
			PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
			assertThat(plan.warnings()).noneMatch((warning) -> warning.contains("ALTER ROLE"));
			assertThat(plan.settings().get(PostgresSetting.STATEMENT_TIMEOUT).origin())
				.endsWith("not sent: the role's default applies it");
			try (Connection connection = context.getBean(HikariDataSource.class).getConnection()) {
				long start = System.nanoTime();
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> connection.createStatement().execute("SELECT pg_sleep(5)"))
					.withMessageContaining("canceling statement due to statement timeout");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			}
		});
	}

	@Test
	void warnsWithTheAlterRoleStatementsWhenTheRoleLacksTheTimeouts() {
		this.contextRunner.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"),
				"pool.postgres.statement-timeout=2500ms", "pool.postgres.lock-timeout=3s")
			.run((context) -> {
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.warnings()).filteredOn((warning) -> warning.contains("ALTER ROLE"))
					.singleElement()
					.satisfies((warning) -> assertThat(warning)
						.contains("statement_timeout is 1s, statement-timeout wants 2500ms (pool.postgres.statement-timeout)")
						.contains("ALTER ROLE \"" + ROLE + "\" IN DATABASE \"" + database
								+ "\" SET statement_timeout = '2500ms';")
						.contains("ALTER ROLE \"" + ROLE + "\" IN DATABASE \"" + database + "\" SET lock_timeout = '3s';")
						.doesNotContain("idle_in_transaction_session_timeout = "));
			});
	}

	@Test
	void sessionModeSetsTheTimeoutsAfterConnecting() {
		try (TestPgBouncer session = TestPgBouncer.builder(server).poolMode("session").user(ROLE, ROLE_PASSWORD).start()) {
			this.contextRunner
				.withPropertyValues("pool.postgres.url=" + session.jdbcUrl(database), "pool.postgres.username=" + ROLE,
						"pool.postgres.password=" + ROLE_PASSWORD, "pool.postgres.pgbouncer=session",
						"pool.postgres.statement-timeout=1500ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					try (Connection connection = context.getBean(HikariDataSource.class).getConnection()) {
						assertThat(show(connection, "statement_timeout")).isEqualTo("1500ms");
					}
				});
		}
	}

	@Test
	void healthAndMetricsShowPgBouncersPool() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(PostgresPoolHealthContributorAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class, PostgresPoolMetricsAutoConfiguration.class))
			.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"),
					"pool.postgres.pgbouncer-admin-url=" + pgbouncer.adminUrl(), "pool.metrics.sample-interval=100ms",
					"pool.health.cache-ttl=0s")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(runConcurrently(dataSource, 2, 5, 2)).isEmpty();
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.pgbouncer().version()).isEqualTo(pgbouncer.version());
				assertThat(plan.pgbouncer().poolMode()).isEqualTo("transaction");
				try (Connection held = dataSource.getConnection()) {
					held.setAutoCommit(false);
					held.createStatement().execute("SELECT 1");
					Health health = context.getBean(PostgresPoolHealthIndicator.class).health(true);
					@SuppressWarnings("unchecked")
					Map<String, Object> details = (Map<String, Object>) health.getDetails().get("pgbouncer");
					assertThat(details).containsEntry("database", database)
						.containsEntry("user", ROLE)
						.containsEntry("pool_mode", "transaction")
						.containsEntry("cl_waiting", 0)
						.containsKeys("cl_active", "sv_idle", "maxwait", "total_xact_count");
					// the server monitor's own sample may hold a second server connection
					assertThat((int) details.get("sv_active")).isBetween(1, 2);
					held.rollback();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(registry.get("pool.pgbouncer.transactions")
						.tag("service", "pgbouncer-it")
						.tag("pool", "primary")
						.functionCounter()
						.count()).isGreaterThanOrEqualTo(10));
				assertThat(registry.get("pool.pgbouncer.clients").tag("state", "waiting").gauge().value()).isZero();
				assertThat(registry.get("pool.pgbouncer.servers").tag("state", "idle").gauge().value())
					.isGreaterThanOrEqualTo(1);
				assertThat(registry.get("pool.pgbouncer.max.wait").gauge().value()).isZero();
				assertThat(registry.get("pool.pgbouncer.queries").functionCounter().count()).isGreaterThanOrEqualTo(10);
				assertThat(context.getBean(PgBouncerMonitor.class).address().toString())
					.doesNotContain(TestPgBouncer.ADMIN_PASSWORD);
				String exposition = context.getBean(PrometheusMeterRegistry.class).scrape();
				assertThat(exposition).contains("pool_pgbouncer_clients{", "pool_pgbouncer_servers{",
						"pool_pgbouncer_max_wait_seconds{", "pool_pgbouncer_transactions_total{",
						"pool_pgbouncer_queries_total{");
				// .ci/run checks the names in docs/prometheus/pgbouncer-alerts.yml against it
				Files.writeString(Path.of("target", "pgbouncer-exposition.txt"), exposition);
			});
	}

	@Test
	void emptyAdminUrlMeansNoPgBouncerView() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(PostgresPoolHealthContributorAutoConfiguration.class))
			.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"), "pool.postgres.pgbouncer-admin-url=")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PgBouncerMonitor.class);
				assertThat(context.getBean(PostgresPoolPlan.class).pgbouncer()).isNull();
				assertThat(context.getBean(PostgresPoolHealthIndicator.class).health(true).getDetails())
					.doesNotContainKey("pgbouncer");
			});
	}

	@Test
	void preparedStatementsOptionStopsStartUpAgainstAPgBouncerThatCannotKeepThem() {
		try (TestPgBouncer untracked = pgbouncer.isAtLeast(1, 21) ? TestPgBouncer.builder(server)
			.setting("max_prepared_statements", "0")
			.user(ROLE, ROLE_PASSWORD)
			.start() : null) {
			TestPgBouncer target = (untracked != null) ? untracked : pgbouncer;
			FailureAnalysis analysis = StartupFailureAnalysis.of(this.contextRunner.withPropertyValues(
					"pool.postgres.url=" + target.databaseUrl(database, "pgbouncer=true"),
					"pool.postgres.username=" + ROLE, "pool.postgres.password=" + ROLE_PASSWORD,
					"pool.postgres.pgbouncer-prepared-statements=true",
					"pool.postgres.pgbouncer-admin-url=" + target.adminUrl()));
			assertThat(analysis.getDescription()).contains("PgBouncer " + target.version())
				.contains("pool.postgres.pgbouncer-prepared-statements=true")
				.contains("prepared statement \"S_1\" does not exist")
				.doesNotContain(TestPgBouncer.ADMIN_PASSWORD);
			assertThat(analysis.getAction()).contains("pool.postgres.pgbouncer-prepared-statements=false");
		}
	}

	@Test
	void adaptiveSizingBehindPgBouncerGrowsOnlyToMaxConnectionsAndSaysWhy(CapturedOutput output) {
		this.contextRunner.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"),
				"pool.postgres.sizing=adaptive", "pool.postgres.max-connections=auto")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AdaptivePoolController controller = context.getBean(AdaptivePoolController.class);
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(controller.getFinder().policy().maximum()).isEqualTo(plan.maxConnections());
				assertThat(output).contains("pool.postgres.sizing=adaptive behind PgBouncer (pgbouncer=transaction)")
					.contains("up to max-connections=" + plan.maxConnections() + " only");
			});
	}

	@Test
	void compatibilityCheckListsWhatTransactionPoolingBreaks() {
		this.contextRunner.withPropertyValues("pool.postgres.url=" + url("pgbouncer=true"),
				"spring.datasource.hikari.connection-init-sql=SET search_path TO public",
				"spring.datasource.hikari.transaction-isolation=TRANSACTION_REPEATABLE_READ",
				"spring.flyway.postgresql.transactional-lock=false")
			.withBean(SerializableTransfers.class)
			.withBean(Flyway.class,
					() -> Flyway.configure().dataSource(pgbouncer.jdbcUrl(database), ROLE, ROLE_PASSWORD).load())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> findings = context.getBean(PgBouncerCompatibilityCheck.class).findings();
				assertThat(findings).hasSize(4);
				assertThat(findings.get(0)).startsWith("connection-init-sql 'SET search_path TO public'");
				assertThat(findings.get(1)).startsWith("transaction-isolation TRANSACTION_REPEATABLE_READ");
				assertThat(findings.get(2)).contains("SerializableTransfers.transfer (SERIALIZABLE)");
				assertThat(findings.get(3)).startsWith("Flyway migrates through this pool");
			});
	}

	/**
	 * Run transactions on several threads, each executing the same prepared statement
	 * several times, and collect the errors.
	 */
	private static List<SQLException> runConcurrently(HikariDataSource dataSource, int threads,
			int transactionsPerThread, int statementsPerTransaction) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<SQLException>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(executor.submit(() -> {
					List<SQLException> errors = new ArrayList<>();
					for (int i = 0; i < transactionsPerThread; i++) {
						try (Connection connection = dataSource.getConnection()) {
							connection.setAutoCommit(false);
							for (int s = 0; s < statementsPerTransaction; s++) {
								execute(connection);
							}
							connection.commit();
						}
						catch (SQLException ex) {
							errors.add(ex);
						}
					}
					return errors;
				}));
			}
			List<SQLException> errors = new ArrayList<>();
			for (Future<List<SQLException>> result : results) {
				errors.addAll(result.get(30, TimeUnit.SECONDS));
			}
			return errors;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Three clients on PgBouncer's two server connections: each in turn holds a
	 * transaction open while the others run theirs, so that transactions move between
	 * server connections. A client whose rollback fails too is replaced, since its server
	 * connection stays in the failed transaction. Return the errors.
	 */
	private static List<String> interleavedTransactions(Properties settings) throws SQLException {
		List<String> errors = new ArrayList<>();
		List<Connection> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				clients.add(transactionalConnection(settings));
			}
			for (int round = 0; round < 4; round++) {
				for (int holder = 0; holder < clients.size(); holder++) {
					transaction(clients, holder, settings, errors, false);
					for (int other = 0; other < clients.size(); other++) {
						if (other != holder) {
							transaction(clients, other, settings, errors, true);
						}
					}
					finish(clients, holder, settings, errors);
				}
			}
		}
		finally {
			for (Connection client : clients) {
				client.close();
			}
		}
		return errors;
	}

	private static void transaction(List<Connection> clients, int index, Properties settings, List<String> errors,
			boolean commit) throws SQLException {
		try {
			execute(clients.get(index));
			execute(clients.get(index));
			if (commit) {
				clients.get(index).commit();
			}
		}
		catch (SQLException ex) {
			errors.add(ex.getMessage());
			finish(clients, index, settings, errors);
		}
	}

	private static void finish(List<Connection> clients, int index, Properties settings, List<String> errors)
			throws SQLException {
		try {
			clients.get(index).rollback();
		}
		catch (SQLException ex) {
			errors.add(ex.getMessage());
			clients.get(index).close();
			clients.set(index, transactionalConnection(settings));
		}
	}

	private static Connection transactionalConnection(Properties settings) throws SQLException {
		Connection connection = plainConnection(settings);
		connection.setAutoCommit(false);
		return connection;
	}

	private static void execute(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(REPEATED)) {
			statement.setString(1, "r");
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
			}
		}
	}

	private static String show(Connection connection, String setting) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static Connection plainConnection(Properties extra) throws SQLException {
		return DriverManager.getConnection(pgbouncer.jdbcUrl(database), credentials(extra));
	}

	private static Properties credentials(Properties extra) {
		Properties properties = new Properties();
		properties.putAll(extra);
		properties.setProperty("user", ROLE);
		properties.setProperty("password", ROLE_PASSWORD);
		return properties;
	}

	private static String url(String parameters) {
		return "postgresql://" + ROLE + ":" + ROLE_PASSWORD + "@" + pgbouncer.host() + ":" + pgbouncer.port() + "/"
				+ database + "?" + parameters;
	}

	static class SerializableTransfers {

		@Transactional(isolation = Isolation.SERIALIZABLE)
		void transfer() {
		}

	}

}
