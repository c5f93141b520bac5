package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolMetricsAutoConfiguration;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.SizeRecommendation;
import dev.poolstarter.postgres.endpoint.PoolEndpoint;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of adaptive sizing against the real PostgreSQL: three instances of one
 * service, each an application context under load, join one after another and one
 * leaves, within a fleet budget of 12 of the server's connections. The sum of their pools
 * never passes the budget, nor do all the service's connections on the server (the
 * monitors' among them), and the pools grow back when an instance leaves. With fixed
 * sizing, the budget counts the live instances unless pool.instances says otherwise.
 * Each step waits for its condition with a bound a busy machine does not reach; a sampler
 * that fails fails the test at once, and the maxima are read only after a sample taken
 * once every step is done.
 */
class AdaptiveSizingIntegrationTests {

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final int FLEET_BUDGET = 12;

	private static final int LOAD_THREADS = 8;

	private final String service = "adaptive-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final Map<String, Instance> instances = new ConcurrentHashMap<>();

	private final AtomicBoolean sampling = new AtomicBoolean(true);

	private final AtomicInteger largestPoolSum = new AtomicInteger();

	private final AtomicInteger largestServerCount = new AtomicInteger();

	private final AtomicLong serverSamples = new AtomicLong();

	private final AtomicLong poolSamples = new AtomicLong();

	private final AtomicReference<Throwable> samplerFailure = new AtomicReference<>();

	@AfterEach
	void stopEverything() {
		this.sampling.set(false);
		this.instances.values().forEach(Instance::close);
	}

	@Test
	void poolsStayWithinTheFleetBudgetAsInstancesJoinAndLeave() throws Exception {
		double budget = (FLEET_BUDGET + 0.5) / usableConnections();
		startSamplers();
		Instance a = start("a", budget);
		awaitStep("a alone grows to the budget less the headroom for a starting instance and its own monitor",
				() -> a.target() == 8);
		Instance b = start("b", budget);
		awaitStep("a and b share the budget", () -> a.target() == 3 && b.target() == 3);
		Instance c = start("c", budget);
		awaitStep("a, b and c share the budget", () -> a.target() == 2 && b.target() == 2 && c.target() == 2);
		c.close();
		this.instances.remove("c");
		awaitStep("a and b grow back when c leaves, and keep the size", () -> a.keeps(3) && b.keeps(3));
		awaitStep("a's and b's pools hold 3 connections each", () -> a.total() == 3 && b.total() == 3);
		long server = this.serverSamples.get();
		long pools = this.poolSamples.get();
		awaitStep("both samplers sample after the last step",
				() -> this.serverSamples.get() > server && this.poolSamples.get() > pools);
		this.sampling.set(false);
		assertThat(this.samplerFailure.get()).as("sampler failure").isNull();
		System.out.println("Fleet budget " + FLEET_BUDGET + ": largest sum of the pools " + this.largestPoolSum.get()
				+ ", largest count of the service's connections on the server (pools, monitors, checks) "
				+ this.largestServerCount.get() + " in "
				+ this.serverSamples.get() + " server samples");
		assertThat(this.largestPoolSum.get()).isLessThanOrEqualTo(FLEET_BUDGET);
		assertThat(this.largestServerCount.get()).isLessThanOrEqualTo(FLEET_BUDGET);
		assertThat(this.serverSamples.get()).isGreaterThan(10);
		assertThat(a.errors.get() + b.errors.get()).isZero();
		MeterRegistry registry = a.context.getBean(MeterRegistry.class);
		assertThat(registry.get("pool.resizes").tag("direction", "shrink").tag("cause", "fleet").counter().count())
			.isGreaterThanOrEqualTo(2);
		assertThat(registry.get("pool.resizes").tag("direction", "grow").tag("cause", "probe").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(registry.get("pool.size.probes").tag("direction", "up").tag("outcome", "kept").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(registry.get("pool.size.target").tag("service", this.service).gauge().value()).isEqualTo(3);
		assertThat(registry.get("pool.fleet.instances").gauge().value()).isEqualTo(2);
		Map<String, Object> pool = describe(a);
		assertThat(pool).extractingByKey("adaptive")
			.asString()
			.contains("target=3", "share=3", "windowSpreadPercent=", "sessionsAtWorkPercent=")
			.contains("lastChange=Pool 'primary' keeps 3 connections (probe up from 2): throughput ");
	}

	@Test
	void fixedSizingCountsTheLiveInstancesForTheBudget() throws Exception {
		try (Connection other = server.connect(); Statement statement = other.createStatement()) {
			statement.execute("SET application_name = '" + this.service + "/x'");
			this.contextRunner().run((context) -> {
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.budget().instances()).isEqualTo(2);
				assertThat(plan.instancesOrigin())
					.isEqualTo("live in pg_stat_activity: " + this.service + "/x, /y (this one, starting)");
				assertThat(context.getBean(AdaptivePoolController.class).isActive()).isFalse();
			});
		}
	}

	@Test
	void anExplicitInstanceCountWinsOverTheLiveOnes() throws Exception {
		try (Connection other = server.connect(); Statement statement = other.createStatement()) {
			statement.execute("SET application_name = '" + this.service + "/x'");
			this.contextRunner().withPropertyValues("pool.instances=5").run((context) -> {
				PostgresPoolPlan plan = context.getBean(PostgresPoolPlan.class);
				assertThat(plan.budget().instances()).isEqualTo(5);
				assertThat(plan.instancesOrigin()).isEqualTo("pool.instances");
			});
		}
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues(server.poolProperties())
			.withPropertyValues("pool.service=" + this.service, "pool.instance-id=y");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> describe(Instance instance) {
		ConfigurableApplicationContext context = instance.context;
		PoolEndpoint endpoint = new PoolEndpoint(context.getBean(PostgresPoolPlan.class),
				context.getBean(PoolUsage.class), context.getBean(ServerActivityMonitor.class),
				new SizeRecommendation(0.8), instance.controller, null, null, null);
		Map<String, Object> pools = (Map<String, Object>) endpoint.pools().get("pools");
		return (Map<String, Object>) pools.get("primary");
	}

	private Instance start(String id, double budget) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AdaptiveApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(server.poolProperties())
			.properties("pool.service=" + this.service, "pool.instance-id=" + id, "pool.profile=staging",
					"pool.postgres.max-connections=20", "pool.postgres.budget=" + budget,
					"pool.postgres.sizing=adaptive", "pool.postgres.adaptive.interval=200ms",
					"pool.postgres.adaptive.probe-interval=1h",
					"pool.postgres.adaptive.server-utilization-limit=0.95", "pool.metrics.sample-interval=200ms",
					"pool.postgres.pool-timeout=30s", "pool.postgres.statement-timeout=10s",
					"pool.postgres.leak-detection-threshold=10s")
			.run();
		Instance instance = new Instance(context);
		this.instances.put(id, instance);
		return instance;
	}

	/**
	 * Wait for a step's condition, failing at once when a sampler has failed: the maxima
	 * would be stale.
	 */
	private void awaitStep(String step, Callable<Boolean> condition) {
		await(step).atMost(STEP_TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.failFast("a sampler failed", () -> assertThat(this.samplerFailure.get()).as("sampler failure").isNull())
			.until(condition);
	}

	private void startSamplers() {
		Thread pools = new Thread(failing(() -> {
			while (this.sampling.get()) {
				int sum = this.instances.values().stream().mapToInt(Instance::total).sum();
				this.largestPoolSum.accumulateAndGet(sum, Math::max);
				this.poolSamples.incrementAndGet();
				sleep(5);
			}
		}), "pool-sum-sampler");
		Thread serverSide = new Thread(failing(this::sampleServer), "server-count-sampler");
		pools.setDaemon(true);
		serverSide.setDaemon(true);
		pools.start();
		serverSide.start();
	}

	/**
	 * Return a sampler that records its failure for the test to fail on, instead of
	 * dying with it unseen.
	 */
	private Runnable failing(SamplerLoop loop) {
		return () -> {
			try {
				loop.run();
			}
			catch (Throwable ex) {
				this.samplerFailure.compareAndSet(null, ex);
			}
		};
	}

	private void sampleServer() throws SQLException {
		// every connection of the service: the pools', the monitors' and the start-up checks'
		String query = "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '" + this.service + "/%'";
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			while (this.sampling.get()) {
				try (ResultSet row = statement.executeQuery(query)) {
					row.next();
					this.largestServerCount.accumulateAndGet(row.getInt(1), Math::max);
					this.serverSamples.incrementAndGet();
				}
				sleep(20);
			}
		}
	}

	private static int usableConnections() throws SQLException {
		try (Connection connection = server.connect();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_setting('max_connections')::int "
						+ "- current_setting('superuser_reserved_connections')::int "
						+ "- coalesce(current_setting('reserved_connections', true), '0')::int")) {
			row.next();
			return row.getInt(1);
		}
	}

	@FunctionalInterface
	private interface SamplerLoop {

		void run() throws Exception;

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One instance of the service and the threads that keep its pool busy.
	 */
	private static final class Instance {

		private final ConfigurableApplicationContext context;

		private final HikariDataSource dataSource;

		private final AdaptivePoolController controller;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger errors = new AtomicInteger();

		private final List<Thread> threads = new ArrayList<>();

		Instance(ConfigurableApplicationContext context) {
			this.context = context;
			this.dataSource = context.getBean(HikariDataSource.class);
			this.controller = context.getBean(AdaptivePoolController.class);
			for (int i = 0; i < LOAD_THREADS; i++) {
				Thread thread = new Thread(this::borrowInALoop, "load-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		int target() {
			return this.controller.getFinder().limit();
		}

		/**
		 * Return whether the pool has the size with no probe under way.
		 */
		boolean keeps(int size) {
			KneeFinder finder = this.controller.getFinder();
			return finder.probe() == null && finder.limit() == size;
		}

		int total() {
			HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
			return (pool != null && !this.dataSource.isClosed()) ? pool.getTotalConnections() : 0;
		}

		private void borrowInALoop() {
			while (this.running.get()) {
				try (Connection connection = this.dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_sleep(0.005)");
				}
				catch (SQLException ex) {
					if (this.running.get()) {
						this.errors.incrementAndGet();
					}
				}
			}
		}

		void close() {
			this.running.set(false);
			for (Thread thread : this.threads) {
				try {
					thread.join(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.context.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JdbcPoolAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			PostgresPoolMetricsAutoConfiguration.class })
	static class AdaptiveApplication {

	}

}
