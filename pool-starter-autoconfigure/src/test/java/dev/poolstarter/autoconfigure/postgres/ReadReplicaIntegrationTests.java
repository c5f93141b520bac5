package dev.poolstarter.autoconfigure.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestReplica;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.autoconfigure.CredentialsSanitizingAutoConfiguration;
import dev.poolstarter.autoconfigure.shutdown.ShutdownAutoConfiguration;
import dev.poolstarter.health.HealthStatuses;
import dev.poolstarter.postgres.endpoint.PoolEndpoint;
import dev.poolstarter.postgres.health.PostgresPoolHealthIndicator;
import dev.poolstarter.postgres.replica.ReadReplicas;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of read replicas against a real primary and its streaming replica,
 * both private to this class ({@link TestReplica}): routing by the transaction's
 * read-only flag, replication, lag in health and metrics, a replica skipped while its
 * replay is paused and used again once it has caught up, the fallback to the primary
 * while the replica is down and the return to it, passwords that the servers check and
 * that show nowhere, the log line of each pool, and the shutdown drain of both pools.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadReplicaIntegrationTests {

	private static TestReplica replica;

	private final ApplicationContextRunner contextRunner = runner(replica.primary().poolProperties())
		.withPropertyValues("pool.postgres.replicas=" + replica.jdbcUrl());

	@BeforeAll
	static void startReplica() {
		replica = TestReplica.start();
	}

	private static ApplicationContextRunner runner(String... connection) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class,
					DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class,
					PostgresPoolHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
					JdbcPoolMetricsAutoConfiguration.class, PostgresPoolMetricsAutoConfiguration.class,
					PoolEndpointAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(Reads.class)
			.withPropertyValues(connection)
			.withPropertyValues("management.endpoints.web.exposure.include=pool")
			.withPropertyValues("spring.application.name=replica-it", "pool.postgres.max-connections=3",
					"pool.postgres.min-idle=0", "pool.health.cache-ttl=0s",
					"pool.postgres.replica.check-interval=200ms");
	}

	@AfterAll
	static void removeReplica() {
		if (replica != null) {
			replica.close();
		}
	}

	@Test
	void readOnlyTransactionsRunOnTheReplicaAndEverythingElseOnThePrimary() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("dataSource")).isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertThat(context.getBean("primaryDataSource", HikariDataSource.class).getPoolName()).isEqualTo("primary");
			Reads reads = context.getBean(Reads.class);
			assertThat(reads.inRecoveryReadOnly()).isTrue();
			assertThat(reads.inRecoveryReadWrite()).isFalse();
			assertThat(reads.inRecoveryWithoutTransaction()).isFalse();
			assertThat(inRecovery(context, true)).isTrue();
			assertThat(inRecovery(context, false)).isFalse();
			assertThat(context.getBean(ReadReplicas.class).fallbacks()).isZero();
		});
	}

	@Test
	void writesOnThePrimaryAreReadOnTheReplica() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE IF NOT EXISTS pool_replica_it (id int PRIMARY KEY, v text NOT NULL)");
			int id = (int) (System.nanoTime() & 0x7fffffff);
			jdbc.update("INSERT INTO pool_replica_it VALUES (?, 'written on the primary')", id);
			TransactionTemplate readOnly = readOnly(context);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<String> values = readOnly.execute((status) -> jdbc.queryForList(
						"SELECT v FROM pool_replica_it WHERE id = ? AND pg_is_in_recovery()", String.class, id));
				assertThat(values).containsExactly("written on the primary");
			});
		});
	}

	@Test
	void lagStatusAndPoolsAreInHealthAndMetrics() {
		this.contextRunner.run((context) -> {
			assertThat(inRecovery(context, true)).isTrue();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, Object> replica1 = replicaDetails(health(context), "replica-1");
				assertThat(replica1).containsEntry("status", "UP")
					.containsEntry("routing", "reads")
					.containsEntry("inRecovery", true)
					.containsKeys("lagSeconds", "sampleAgeMillis", "client");
			});
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(replicas(health)).containsEntry("reads", "replicas").containsEntry("fallbacks", 0L);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("pool.replica.lag").tag("pool", "replica-1").tag("role", "replica")
				.tag("service", "replica-it").gauge().value()).isBetween(0.0, 10.0);
			assertThat(registry.get("pool.replica.available").tag("pool", "replica-1").gauge().value()).isEqualTo(1);
			assertThat(registry.get("pool.replica.fallbacks").tag("pool", "primary").functionCounter().count()).isZero();
			assertThat(registry.get("hikaricp.connections.max").tag("pool", "replica-1").tag("role", "replica")
				.gauge().value()).isEqualTo(3);
			assertThat(registry.get("hikaricp.connections.max").tag("pool", "primary").tag("role", "primary")
				.gauge().value()).isEqualTo(3);
			Map<String, Object> pools = pools(context);
			assertThat(pools).containsOnlyKeys("primary", "replica-1");
			Map<String, Object> replicaPool = map(pools.get("replica-1"));
			assertThat(replicaPool).containsEntry("role", "replica").containsKeys("settings", "budget", "recommendation");
			assertThat(map(map(replicaPool.get("settings")).get("max-connections"))).containsEntry("value", "3")
				.containsEntry("origin", "as the primary (pool.postgres.max-connections)");
			assertThat(map(replicaPool.get("routing"))).containsEntry("reads", "taken")
				.containsEntry("inRecovery", true)
				.containsEntry("fallback", "primary");
			assertThat(map(map(replicaPool.get("connection")).get("url")).get("value").toString())
				.isEqualTo(replica.jdbcUrl());
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> pools(AssertableApplicationContext context) {
		return (Map<String, Object>) context.getBean(PoolEndpoint.class).pools().get("pools");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@Test
	void readsFallBackToThePrimaryWhileTheReplicaIsDownAndReturnWhenItIsBack() {
		this.contextRunner.withPropertyValues("pool.postgres.pool-timeout=2s").run((context) -> {
			awaitBothServing(context);
			replica.stop();
			try {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(replicaDetails(health(context), "replica-1"))
						.containsEntry("status", "DOWN"));
				assertThat(inRecovery(context, true)).as("read-only work on the primary").isFalse();
				assertThat(context.getBean(ReadReplicas.class).fallbacks()).isGreaterThanOrEqualTo(1);
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
				assertThat(replicas(health)).containsEntry("reads", "primary (no replica usable, fallback=primary)");
				assertThat(replicaDetails(health, "replica-1")).containsEntry("status", "DOWN");
				assertThat(String.valueOf(health.getDetails().get("reasons")))
					.contains("replica 'replica-1' down: ", "no read replica usable: reads on primary");
				assertThat(context.getBean(MeterRegistry.class).get("pool.replica.fallbacks").functionCounter().count())
					.isGreaterThanOrEqualTo(1);
				assertThat(inRecovery(context, false)).isFalse();
			}
			finally {
				replica.startAgain();
			}
			await().atMost(Duration.ofSeconds(15)).until(() -> inRecovery(context, true));
			await().atMost(Duration.ofSeconds(5)).until(() -> health(context).getStatus().equals(Status.UP));
		});
	}

	@Test
	void withFallbackFailReadOnlyWorkFailsWhileTheReplicaIsDown() {
		this.contextRunner.withPropertyValues("pool.postgres.replica.fallback=fail", "pool.postgres.pool-timeout=1s")
			.run((context) -> {
				awaitBothServing(context);
				replica.stop();
				try {
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(replicaDetails(health(context), "replica-1"))
							.containsEntry("status", "DOWN"));
					// the first read may still get a connection the replica's shutdown killed
					assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> inRecovery(context, true));
					assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> inRecovery(context, true))
						.withStackTraceContaining("Pool 'replica-1' has no connection within 1000 ms: the database is "
								+ "out of reach");
					assertThat(replicas(health(context))).containsEntry("reads",
							"failing (no replica usable, fallback=fail)");
					assertThat(context.getBean(ReadReplicas.class).fallbacks()).isZero();
					assertThat(inRecovery(context, false)).isFalse();
				}
				finally {
					replica.startAgain();
				}
			});
	}

	@Test
	void aReplicaPastMaxLagIsSkippedAndTakesReadsAgainOnceItHasCaughtUp() {
		this.contextRunner.withPropertyValues("pool.postgres.replica.max-lag=1s").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ReadReplicas replicas = context.getBean(ReadReplicas.class);
			awaitCaughtUp(context);
			replica.pauseReplay();
			try {
				writeOnThePrimary(context);
				double first = await().atMost(Duration.ofSeconds(30))
					.until(() -> lagSeconds(registry), (lag) -> lag > 0);
				double later = await().atMost(Duration.ofSeconds(30))
					.until(() -> lagSeconds(registry), (lag) -> lag > first + 0.5);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(replicaDetails(health(context), "replica-1"))
						.containsEntry("status", "DEGRADED"));
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
				assertThat(replicas(health)).containsEntry("reads", "primary (no replica usable, fallback=primary)");
				Map<String, Object> details = replicaDetails(health, "replica-1");
				assertThat(details.get("routing").toString()).startsWith("skipped: lag ")
					.endsWith(" s > max-lag 1.0 s");
				assertThat((double) details.get("lagSeconds")).isGreaterThan(1.0);
				assertThat(String.valueOf(health.getDetails().get("reasons"))).contains("replica 'replica-1' lag ",
						"no read replica usable: reads on primary");
				assertThat(registry.get("pool.replica.available").tag("pool", "replica-1").gauge().value()).isZero();
				assertThat(lagSeconds(registry)).isGreaterThan(1.0).isGreaterThanOrEqualTo(later);
				long fallbacks = replicas.fallbacks();
				assertThat(inRecovery(context, true)).as("read-only work on the primary").isFalse();
				assertThat(replicas.fallbacks()).isEqualTo(fallbacks + 1);
				assertThat(registry.get("pool.replica.fallbacks").functionCounter().count()).isEqualTo(fallbacks + 1);
				System.out.println("Replay paused: lag " + first + " s, then " + later + " s; skipped past max-lag 1s "
						+ "at " + details.get("lagSeconds") + " s");
			}
			finally {
				replica.resumeReplay();
			}
			long resumedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(30)).until(() -> inRecovery(context, true));
			System.out.println("Replay resumed: reads back on the replica after "
					+ Duration.ofNanos(System.nanoTime() - resumedAt).toMillis() + " ms");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				assertThat(registry.get("pool.replica.available").tag("pool", "replica-1").gauge().value())
					.isEqualTo(1);
				assertThat(lagSeconds(registry)).isZero();
			});
		});
	}

	@Test
	void withFallbackFailReadOnlyWorkFailsWhileTheOnlyReplicaLags() {
		this.contextRunner.withPropertyValues("pool.postgres.replica.max-lag=1s", "pool.postgres.replica.fallback=fail")
			.run((context) -> {
				awaitCaughtUp(context);
				replica.pauseReplay();
				try {
					writeOnThePrimary(context);
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(replicaDetails(health(context), "replica-1"))
							.containsEntry("status", "DEGRADED"));
					assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> inRecovery(context, true))
						.withStackTraceContaining("No read replica takes reads and pool.postgres.replica.fallback is "
								+ "fail: 'replica-1' lag ");
					assertThat(replicas(health(context))).containsEntry("reads",
							"failing (no replica usable, fallback=fail)");
					assertThat(context.getBean(ReadReplicas.class).fallbacks()).isZero();
					assertThat(inRecovery(context, false)).isFalse();
				}
				finally {
					replica.resumeReplay();
				}
				await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> inRecovery(context, true));
			});
	}

	@Test
	void passwordsOfPrimaryAndReplicaLoginsAreCheckedAndShowNowhere(CapturedOutput output) {
		TestPostgres.Server login = replica.passwordChecked();
		TestPostgres.Server replicaLogin = replica.onReplica(login);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> replicaLogin.withPassword("wrong").connect())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		String jdbcReplica = replicaLogin.jdbcUrl() + "?user=" + login.username() + "&password=" + login.password();
		runner(login.poolProperties())
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					CredentialsSanitizingAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=pool,env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"pool.postgres.replicas=" + replicaLogin.databaseUrl("") + "," + jdbcReplica)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate readOnly = readOnly(context);
				for (int i = 0; i < 2; i++) {
					String who = readOnly.execute((status) -> jdbc
						.queryForObject("SELECT current_user || ' ' || pg_is_in_recovery()", String.class));
					assertThat(who).as("read-only work on replica-" + (i + 1)).isEqualTo(login.username() + " true");
				}
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(replicaDetails(health(context), "replica-2"))
						.containsEntry("status", "UP"));
				Map<String, String> shown = new LinkedHashMap<>();
				shown.put("health", String.valueOf(health(context).getDetails()));
				shown.put("/actuator/pool", String.valueOf(context.getBean(PoolEndpoint.class).pools()));
				shown.put("/actuator/env", String.valueOf(context.getBean(EnvironmentEndpoint.class)
					.environmentEntry("pool.postgres.replicas")
					.getProperty()
					.getValue()));
				shown.put("/actuator/configprops", String.valueOf(context
					.getBean(ConfigurationPropertiesReportEndpoint.class)
					.configurationProperties()
					.getContexts()
					.values()
					.stream()
					.flatMap((described) -> described.getBeans().values().stream())
					.map((bean) -> bean.getProperties())
					.toList()));
				shown.put("start-up log", output.getAll());
				assertThat(shown.get("/actuator/env")).isEqualTo(replicaLogin.databaseUrl("")
					.replace(":" + login.password() + "@", ":****@") + ","
						+ jdbcReplica.replace("password=" + login.password(), "password=****"));
				assertThat(shown.get("/actuator/configprops"))
					.contains(login.username() + ":****@127.0.0.1:" + replica.port());
				assertThat(shown.get("start-up log")).contains("Read-only transactions go to ['replica-1' "
						+ "(jdbc:postgresql://127.0.0.1:" + replica.port() + "/" + login.username() + ")");
				assertThat(shown.get("/actuator/pool")).contains(login.username());
				shown.forEach((where, text) -> assertThat(text).as(where).doesNotContain(login.password()));
			});
	}

	@Test
	void shutdownDrainsThePrimaryAndReplicaPools(CapturedOutput output) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ShutdownAutoConfiguration.class))
			.run((context) -> {
				assertThat(inRecovery(context, true)).isTrue();
				assertThat(inRecovery(context, false)).isFalse();
			});
		assertThat(output).contains("Draining PostgreSQL pool(s) ['primary', 'replica-1']");
	}

	@Test
	void thePrimaryAndEachReplicaLogALineOfTheirOwn(CapturedOutput output) {
		this.contextRunner.withPropertyValues("pool.postgres.log-interval=200ms").run((context) -> {
			assertThat(inRecovery(context, true)).isTrue();
			assertThat(inRecovery(context, false)).isFalse();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output)
				.containsPattern("Pool 'primary': active=\\d+ idle=\\d+ waiting=0 max=3 borrows/s=[\\d.]+ "
						+ "acquire\\.p99=[\\d.]+ms held\\.mean=[\\d.]+ms timeouts=0 server\\.utilization=")
				.containsPattern("Pool 'replica-1': active=\\d+ idle=\\d+ waiting=0 max=3 borrows/s=[\\d.]+ "
						+ "acquire\\.p99=[\\d.]+ms held\\.mean=[\\d.]+ms timeouts=0 server\\.lag=[\\d.]+ms"));
		});
	}

	/**
	 * Wait until read-only work runs on the replica and the rest on the primary: a replica
	 * that an earlier test restarted may still be recovering, and on a busy machine a
	 * pool's first connection may take longer than the short pool timeouts these tests set.
	 */
	private static void awaitBothServing(ApplicationContext context) {
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> inRecovery(context, true));
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !inRecovery(context, false));
	}

	private static void awaitCaughtUp(ApplicationContext context) {
		writeOnThePrimary(context);
		replica.awaitReplay(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> inRecovery(context, true) && lagSeconds(context.getBean(MeterRegistry.class)) == 0.0);
	}

	private static void writeOnThePrimary(ApplicationContext context) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("CREATE TABLE IF NOT EXISTS pool_replica_lag (id serial PRIMARY KEY, at timestamptz)");
		jdbc.update("INSERT INTO pool_replica_lag (at) VALUES (now())");
	}

	private static double lagSeconds(MeterRegistry registry) {
		return registry.get("pool.replica.lag").tag("pool", "replica-1").gauge().value();
	}

	private static boolean inRecovery(ApplicationContext context, boolean readOnly) {
		TransactionTemplate transaction = readOnly ? readOnly(context)
				: new TransactionTemplate(context.getBean(TransactionTemplate.class).getTransactionManager());
		return Boolean.TRUE.equals(transaction.execute((status) -> context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT pg_is_in_recovery()", Boolean.class)));
	}

	private static TransactionTemplate readOnly(ApplicationContext context) {
		TransactionTemplate template = new TransactionTemplate(
				context.getBean(TransactionTemplate.class).getTransactionManager());
		template.setReadOnly(true);
		return template;
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(PostgresPoolHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> replicas(Health health) {
		return (Map<String, Object>) health.getDetails().get("replicas");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> replicaDetails(Health health, String poolName) {
		return (Map<String, Object>) replicas(health).get(poolName);
	}

	static class Reads {

		private final JdbcTemplate jdbc;

		Reads(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional(readOnly = true)
		public boolean inRecoveryReadOnly() {
			return query();
		}

		@Transactional
		public boolean inRecoveryReadWrite() {
			return query();
		}

		public boolean inRecoveryWithoutTransaction() {
			return query();
		}

		private boolean query() {
			return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class));
		}

	}

}
