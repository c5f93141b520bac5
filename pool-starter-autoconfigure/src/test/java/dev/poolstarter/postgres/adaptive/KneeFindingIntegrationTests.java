package dev.poolstarter.postgres.adaptive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.postgres.PostgresPoolMetricsAutoConfiguration;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the knee finder against the real PostgreSQL, with a knee the test
 * sets: every transaction takes one of K advisory-lock slots in the server for 10 ms, so
 * that K connections complete K transactions per 10 ms and any more only wait for a
 * slot. With {@code max-connections: auto} the pool is sized adaptively by default, starts
 * at the formula's size and finds K; when K changes under load, it follows. A probe down
 * keeps its connections open: a smaller size kept becomes HikariCP's maximum, and one
 * undone opens no connection.
 */
class KneeFindingIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final int CALLERS = 24;

	private static final Duration CONVERGENCE = Duration.ofSeconds(90);

	private final String service = "knee-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final AtomicInteger slots = new AtomicInteger(6);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final List<Thread> callers = new ArrayList<>();

	private final List<String> limits = new CopyOnWriteArrayList<>();

	private final List<UndoneProbe> undone = new CopyOnWriteArrayList<>();

	private final List<String> keptDown = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@BeforeAll
	static void createSlotFunction() throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE OR REPLACE FUNCTION knee_it_take_slot(slots int) RETURNS int AS $$
					BEGIN
						FOR slot IN 1..slots LOOP
							IF pg_try_advisory_xact_lock(424242, slot) THEN
								RETURN slot;
							END IF;
						END LOOP;
						PERFORM pg_advisory_xact_lock(424242, 1 + floor(random() * slots)::int);
						RETURN 0;
					END
					$$ LANGUAGE plpgsql""");
		}
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread caller : this.callers) {
			caller.join(10_000);
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void anAutoSizedPoolFindsTheServersKneeAndFollowsItWhenItMoves() {
		this.context = new SpringApplicationBuilder(KneeApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(server.poolProperties())
			.properties("pool.service=" + this.service, "pool.instance-id=a", "pool.profile=prod",
					"pool.postgres.max-connections=auto", "pool.postgres.database-cores=1", "pool.instances=1",
					"pool.postgres.adaptive.interval=250ms", "pool.postgres.adaptive.probe-interval=5s",
					"pool.postgres.adaptive.server-utilization-limit=1", "pool.postgres.statement-timeout=10s")
			.run();
		PostgresPoolPlan plan = this.context.getBean(PostgresPoolPlan.class);
		assertThat(plan.adaptive()).as("auto is adaptive by default").isNotNull();
		assertThat(plan.initialSize()).as("the formula, 1 core x 2").isEqualTo(2);
		AdaptivePoolController controller = this.context.getBean(AdaptivePoolController.class);
		KneeFinder finder = controller.getFinder();
		controller.onStep((step) -> this.limits.add(step.describe("primary")));
		HikariDataSource dataSource = this.context.getBean(HikariDataSource.class);
		recordProbesDownUndone(controller, dataSource);
		startCallers(dataSource);
		awaitSettled(finder, 6, 9);
		assertThat(this.keptDown).as("smaller sizes kept on the way down from the callers").isNotEmpty()
			.allSatisfy((kept) -> assertThat(kept).matches("(\\d+) kept, maximum \\1"));
		// at the knee a probe down costs throughput and is undone: its connections were
		// kept open, so undoing it opens none
		await("a probe down undone").atMost(CONVERGENCE).until(() -> !this.undone.isEmpty());
		assertThat(this.undone).allSatisfy((probe) -> {
			assertThat(probe.opened()).as("connections opened during the probe of " + probe.size()).isZero();
			assertThat(probe.open()).as("connections open as the probe of " + probe.size() + " is undone")
				.isEqualTo(probe.from());
		});
		assertThat(this.undone).as("probes down judged with the connections above them held aside")
			.anySatisfy((probe) -> assertThat(probe.heldAside()).isTrue());
		this.slots.set(12);
		awaitSettled(finder, 12, 18);
		assertThat(this.failure.get()).as("a caller failed").isNull();
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.get("pool.size.probes").tag("direction", "up").tag("outcome", "kept").counter().count())
			.isGreaterThanOrEqualTo(2);
		assertThat(registry.get("pool.size.probes").tag("direction", "up").tag("outcome", "reverted").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(this.limits).anySatisfy((line) -> assertThat(line).startsWith("Pool 'primary' keeps "))
			.anySatisfy((line) -> assertThat(line).startsWith("Pool 'primary' returns to "));
	}

	/**
	 * Wait until the size between probes has stayed within the bounds, the knee and half
	 * as much again, for 3 s, so that a pass is not a probe caught at the right moment.
	 */
	private void awaitSettled(KneeFinder finder, int low, int high) {
		AtomicReference<Long> inRangeSince = new AtomicReference<>();
		await("size between " + low + " and " + high + " for 3 s").atMost(CONVERGENCE)
			.pollInterval(Duration.ofMillis(100))
			.failFast("a caller failed", () -> assertThat(this.failure.get()).isNull())
			.until(() -> {
				KneeFinder.Probe probe = finder.probe();
				int settled = (probe != null) ? probe.from() : finder.limit();
				if (settled < low || settled > high) {
					inRangeSince.set(null);
					return false;
				}
				if (inRangeSince.get() == null) {
					inRangeSince.set(System.nanoTime());
				}
				return System.nanoTime() - inRangeSince.get() >= Duration.ofSeconds(3).toNanos();
			});
	}

	private void recordProbesDownUndone(AdaptivePoolController controller, HikariDataSource dataSource) {
		AtomicInteger opened = new AtomicInteger();
		this.context.getBean(ConnectionAttempts.class).addListener(new ConnectionAttempts.Listener() {

			@Override
			public void failed(ConnectionAttempts.Failure failure) {
			}

			@Override
			public void succeeded(int failedBefore) {
				opened.incrementAndGet();
			}

		});
		AtomicInteger openedAtProbe = new AtomicInteger();
		controller.onStep((step) -> {
			if (step.cause() == KneeFinder.Cause.PROBE && step.to() < step.from()) {
				openedAtProbe.set(opened.get());
			}
			else if (step.cause() == KneeFinder.Cause.KEPT && step.to() < step.from()) {
				this.keptDown.add(step.to() + " kept, maximum " + dataSource.getMaximumPoolSize());
			}
			else if (step.cause() == KneeFinder.Cause.REVERT && step.to() > step.from()) {
				this.undone.add(new UndoneProbe(step.from(), step.to(), opened.get() - openedAtProbe.get(),
						dataSource.getHikariPoolMXBean().getTotalConnections(),
						((PostgresHikariDataSource) dataSource).getLendingLimit().isHeldAside()));
			}
		});
	}

	private void startCallers(HikariDataSource dataSource) {
		for (int i = 0; i < CALLERS; i++) {
			Thread caller = new Thread(() -> call(dataSource), "knee-caller-" + i);
			caller.setDaemon(true);
			caller.start();
			this.callers.add(caller);
		}
	}

	private void call(HikariDataSource dataSource) {
		while (this.running.get()) {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (PreparedStatement take = connection.prepareStatement("SELECT knee_it_take_slot(?)");
						Statement sleep = connection.createStatement()) {
					take.setInt(1, this.slots.get());
					take.execute();
					sleep.execute("SELECT pg_sleep(0.01)");
				}
				connection.commit();
			}
			catch (SQLException ex) {
				if (this.running.get()) {
					this.failure.compareAndSet(null, ex);
				}
			}
		}
	}

	/**
	 * A probe down undone: the size it tried, the size it started from, the connections
	 * the pool opened while it ran, those open as it was undone, and whether the
	 * connections above its size were held aside then.
	 */
	private record UndoneProbe(int size, int from, int opened, int open, boolean heldAside) {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JdbcPoolAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			PostgresPoolMetricsAutoConfiguration.class })
	static class KneeApplication {

	}

}
