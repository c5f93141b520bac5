package dev.poolstarter.autoconfigure.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.FreePort;
import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the pool's {@code db} health indicator against a real PostgreSQL:
 * its details against what pg_stat_activity shows, its timeout on an exhausted pool, and
 * its UP, DEGRADED and DOWN transitions.
 */
class PostgresPoolHealthIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class,
				PostgresPoolHealthContributorAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceHealthContributorAutoConfiguration.class))
		.withPropertyValues(server.poolProperties())
		.withPropertyValues("spring.application.name=health-it", "pool.health.cache-ttl=0s",
				"pool.postgres.min-idle=0");

	@BeforeAll
	static void lockTable() throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS pool_it_lock (id int PRIMARY KEY, v int NOT NULL)");
			statement.execute("INSERT INTO pool_it_lock VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
		}
	}

	@Test
	void replacesSpringBootsDbIndicator() {
		this.contextRunner.run((context) -> assertThat(context.getBean("dbHealthIndicator"))
			.isInstanceOf(PostgresPoolHealthIndicator.class));
	}

	@Test
	void detailsMatchPgStatActivityWithIdleInTransactionAndBlockedSessions() {
		this.contextRunner.withPropertyValues("pool.postgres.max-connections=6", "pool.instance-id=details")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				String applicationName = context.getBean(PostgresPoolPlan.class).applicationName();
				try (Connection holder = dataSource.getConnection();
						Connection waiter = dataSource.getConnection();
						Connection idle = dataSource.getConnection()) {
					holder.setAutoCommit(false);
					update(holder);
					waiter.setAutoCommit(false);
					CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> update(waiter));
					await().atMost(Duration.ofSeconds(10)).until(() -> countBlocked(applicationName) == 1);
					Health health = health(context);
					Map<String, Object> client = detail(health, "client");
					Map<String, Object> serverView = detail(health, "server");
					assertThat(client).containsEntry("active", 3).containsEntry("maximum", 6).containsEntry("pending", 0);
					assertThat(serverView.get("application")).isEqualTo(statesFromPgStatActivity(applicationName));
					assertThat(serverView.get("application")).isEqualTo(Map.of("active", 1, "idle", 1,
							"idle in transaction", 1, "idle in transaction (aborted)", 0, "total", 3));
					assertThat((int) serverView.get("blockedQueries")).isGreaterThanOrEqualTo(1);
					assertThat((double) serverView.get("oldestIdleInTransactionSeconds")).isGreaterThan(0);
					assertThat(serverView.get("maxConnections")).isEqualTo(Integer.parseInt(show("max_connections")));
					assertThat(serverView.get("view")).isEqualTo("full");
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					holder.rollback();
					blocked.join();
					waiter.rollback();
				}
			});
	}

	@Test
	void answersWithinTheTimeoutWhenEveryConnectionIsTakenAndSaysDegraded() {
		this.contextRunner.withPropertyValues("pool.postgres.max-connections=2").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
				CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> borrowAndClose(dataSource));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> dataSource.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);
				long start = System.nanoTime();
				Health health = health(context);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
				assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
				assertThat((List<?>) health.getDetails().get("reasons")).anyMatch(
						(reason) -> reason.toString().startsWith("pool utilization 1.0"))
					.anyMatch((reason) -> reason.toString().equals("1 thread(s) waiting for a connection"));
				first.close();
				waiting.join();
			}
		});
	}

	@Test
	void degradesWhenASessionStaysIdleInTransactionPastTheLimit() {
		this.contextRunner.withPropertyValues("pool.health.idle-in-transaction-limit=500ms").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT 1");
				}
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(HealthStatuses.DEGRADED));
				assertThat((List<?>) health(context).getDetails().get("reasons"))
					.anyMatch((reason) -> reason.toString().contains("idle in transaction"));
				connection.rollback();
			}
		});
	}

	@Test
	void goesDownWhenTheServerIsUnreachableAndUpWhenItIsBack() {
		int port = FreePort.closed();
		TcpProxy proxy = TcpProxy.start(port, server.host(), server.port());
		try {
			this.contextRunner
				.withPropertyValues("pool.postgres.url=jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName())
				.run((context) -> {
					assertThat(health(context).getStatus()).isEqualTo(Status.UP);
					proxy.close();
					long start = System.nanoTime();
					Health down = health(context);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
					assertThat(down.getStatus()).as(down.getDetails().toString()).isEqualTo(Status.DOWN);
					assertThat(down.getDetails()).containsKey("error");
					try (TcpProxy back = TcpProxy.start(port, server.host(), server.port())) {
						await().atMost(Duration.ofSeconds(10))
							.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
					}
				});
		}
		finally {
			proxy.close();
		}
	}

	@Test
	void reportsALimitedViewWithoutFailingForARoleWithoutPgReadAllStats() throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pool_it_limited') "
					+ "THEN CREATE ROLE pool_it_limited LOGIN PASSWORD 'limited'; END IF; END $$");
		}
		this.contextRunner
			.withPropertyValues("pool.postgres.username=pool_it_limited", "pool.postgres.password=limited")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(detail(health, "server").get("view").toString()).startsWith("limited");
			});
	}

	@Test
	void reusesAServerSampleWithinTheCacheTtlAndSamplesAgainAfterIt() {
		this.contextRunner.withPropertyValues("pool.health.cache-ttl=3s", "pool.instance-id=cache")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				int before = applicationTotal(health(context));
				try (Connection held = dataSource.getConnection()) {
					held.isValid(1);
					assertThat(applicationTotal(health(context)))
						.as("a check within the cache ttl reuses the last sample").isEqualTo(before);
					await().atMost(Duration.ofSeconds(15))
						.pollInterval(Duration.ofMillis(200))
						.untilAsserted(() -> assertThat(applicationTotal(health(context)))
							.as("a check after the cache ttl samples the server again").isEqualTo(before + 1));
				}
			});
	}

	@Test
	void degradesWhenServerUtilizationReachesTheThreshold() throws SQLException {
		this.contextRunner.withPropertyValues("pool.health.utilization-warn=0.005").run((context) -> {
			try (Connection another = server.connect()) {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
				assertThat((List<?>) health.getDetails().get("reasons"))
					.anyMatch((reason) -> reason.toString().startsWith("server utilization ")
							&& reason.toString().endsWith(" >= 0.005"))
					.noneMatch((reason) -> reason.toString().startsWith("pool utilization"));
			}
		});
		this.contextRunner.withPropertyValues("pool.health.utilization-warn=1.0")
			.run((context) -> assertThat(health(context).getStatus()).as("below the threshold").isEqualTo(Status.UP));
	}

	@Test
	void degradesWhenTheServerHasNoRoomForTheMonitorsConnection() throws SQLException {
		String role = "health_full_" + UUID.randomUUID().toString().substring(0, 8);
		execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 2");
		try {
			this.contextRunner
				.withPropertyValues("pool.postgres.username=" + role, "pool.postgres.password=",
						"pool.postgres.max-connections=2", "pool.postgres.min-idle=2")
				.run((context) -> {
					HikariDataSource dataSource = context.getBean(HikariDataSource.class);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 2);
					Health health = health(context);
					assertThat(health.getStatus()).as("a full server answers: it is reachable, under strain")
						.isEqualTo(HealthStatuses.DEGRADED);
					assertThat((List<?>) health.getDetails().get("reasons")).anyMatch((reason) -> reason.toString()
						.startsWith("server view stale: FATAL: too many connections for role"));
				});
		}
		finally {
			execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
			execute("DROP ROLE " + role);
		}
	}

	@Test
	void aServerThatStopsAnsweringIsDegradedAtFirstThenDownThenUpWhenItAnswersAgain() {
		try (TcpProxy proxy = TcpProxy.start(0, server.host(), server.port())) {
			this.contextRunner
				.withPropertyValues(
						"pool.postgres.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + databaseName(),
						"pool.health.timeout=1s")
				.run((context) -> {
					assertThat(health(context).getStatus()).isEqualTo(Status.UP);
					proxy.freeze();
					try {
						Health slow = health(context);
						assertThat(slow.getStatus()).as("a server that answered before and is now slow")
							.isEqualTo(HealthStatuses.DEGRADED);
						assertThat((List<?>) slow.getDetails().get("reasons"))
							.anyMatch((reason) -> reason.equals("server view stale: no answer within 1000 ms"));
						await().atMost(Duration.ofSeconds(30))
							.pollInterval(Duration.ofMillis(250))
							.untilAsserted(() -> assertThat(health(context).getStatus())
								.as("once the sample in flight fails").isEqualTo(Status.DOWN));
					}
					finally {
						proxy.thaw();
					}
					await().atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(250))
						.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
				});
		}
	}

	@SuppressWarnings("unchecked")
	private static int applicationTotal(Health health) {
		return ((Map<String, Integer>) detail(health, "server").get("application")).get("total");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Health health(org.springframework.context.ApplicationContext context) {
		return context.getBean(PostgresPoolHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Health health, String name) {
		return (Map<String, Object>) health.getDetails().get(name);
	}

	private static void update(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE pool_it_lock SET v = v + 1 WHERE id = 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void borrowAndClose(HikariDataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			connection.isValid(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Integer> statesFromPgStatActivity(String applicationName) throws SQLException {
		Map<String, Integer> states = new HashMap<>(Map.of("active", 0, "idle", 0, "idle in transaction", 0,
				"idle in transaction (aborted)", 0));
		try (Connection connection = server.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT state, count(*) FROM pg_stat_activity WHERE application_name = ? GROUP BY state")) {
			statement.setString(1, applicationName);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					states.put(rows.getString(1), rows.getInt(2));
				}
			}
		}
		states.put("total", states.values().stream().mapToInt(Integer::intValue).sum());
		return states;
	}

	private static int countBlocked(String applicationName) throws SQLException {
		try (Connection connection = server.connect();
				PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
						+ "WHERE application_name = ? AND wait_event_type = 'Lock'")) {
			statement.setString(1, applicationName);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private static String show(String setting) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static String databaseName() {
		String path = server.jdbcUrl().substring(server.jdbcUrl().lastIndexOf('/') + 1);
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

}
