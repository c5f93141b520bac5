package dev.poolstarter.postgres.adaptive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerActivityMonitor;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the first probe of a new workload against the real PostgreSQL: the
 * share of the pool's sessions at work on the server that decides how far it goes is read
 * under the new workload, not under the one before.
 */
class WorkloadChangeIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final int WAITING_CALLERS = 24;

	private final String service = "workload-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<BorrowingThreads> workloads = new ArrayList<>();

	private final List<KneeFinder.Step> steps = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() throws InterruptedException {
		for (BorrowingThreads callers : this.workloads) {
			callers.close();
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void callersThatWaitOutsideTheServerAfterCallersAtWorkThereGetThePoolAtOnce() throws InterruptedException {
		this.context = new SpringApplicationBuilder(WorkloadApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(server.poolProperties())
			.properties("pool.service=" + this.service, "pool.instance-id=a", "pool.profile=prod",
					"pool.postgres.max-connections=auto", "pool.postgres.database-cores=1", "pool.instances=1",
					"pool.postgres.adaptive.interval=1s", "pool.postgres.adaptive.probe-interval=60s",
					"pool.postgres.adaptive.server-utilization-limit=1", "pool.postgres.statement-timeout=10s")
			.run();
		AdaptivePoolController controller = this.context.getBean(AdaptivePoolController.class);
		KneeFinder finder = controller.getFinder();
		assertThat(finder).isNotNull();
		assertThat(finder.limit()).as("the formula, 1 core x 2").isEqualTo(2);
		controller.onStep(this.steps::add);
		HikariDataSource dataSource = this.context.getBean(HikariDataSource.class);
		// two callers keep the pool's two sessions at work on the server's CPU: no one waits,
		// and each holds its connection longer than the next workload's callers will
		BorrowingThreads atWork = start(dataSource, 2, "SELECT count(*) FROM generate_series(1, 1000000)");
		await("the sessions at work seen by the controller").atMost(Duration.ofSeconds(30))
			.until(() -> finder.workShare() > 0.5);
		// the new workload starts just after the server was read under the old one, which a
		// window closing soon after would otherwise reuse
		ServerActivityMonitor monitor = this.context.getBean(ServerActivityMonitor.class);
		Instant seen = sampledAt(monitor);
		await("a fresh sample of the server").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !sampledAt(monitor).equals(seen));
		atWork.halt();
		BorrowingThreads waiting = start(dataSource, WAITING_CALLERS, "SELECT pg_sleep(0.02)");
		await("the first probe of the new workload").atMost(Duration.ofSeconds(30))
			.until(() -> this.steps.stream().anyMatch(WorkloadChangeIntegrationTests::probeUp));
		KneeFinder.Step probe = this.steps.stream().filter(WorkloadChangeIntegrationTests::probeUp).findFirst()
			.orElseThrow();
		assertThat(probe.to())
			.as("the callers at once, as their sessions wait in pg_sleep, not at work: %s", probe.describe("primary"))
			.isGreaterThanOrEqualTo(WAITING_CALLERS - 2);
		assertThat(waiting.failure()).as("a caller failed").isNull();
		assertThat(atWork.failure()).as("a caller failed").isNull();
	}

	private static boolean probeUp(KneeFinder.Step step) {
		return step.cause() == KneeFinder.Cause.PROBE && step.to() > step.from();
	}

	private BorrowingThreads start(HikariDataSource dataSource, int count, String sql) {
		BorrowingThreads callers = BorrowingThreads.start(dataSource, count, "workload-caller", sql);
		this.workloads.add(callers);
		return callers;
	}

	private static Instant sampledAt(ServerActivityMonitor monitor) {
		ServerActivity activity = monitor.latest().activity();
		return (activity != null) ? activity.sampledAt() : Instant.EPOCH;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JdbcPoolAutoConfiguration.class)
	static class WorkloadApplication {

	}

}
