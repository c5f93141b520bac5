package dev.poolstarter.postgres.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.server.ServerActivity;
import dev.poolstarter.postgres.server.ServerView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolUsageReport}'s figures; the lines of real pools are tested in
 * {@code PoolUsageReportIntegrationTests}.
 */
class PoolUsageReportTests {

	private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void theServersUtilizationComesFromARecentSample() {
		ServerView view = new ServerView(activity(NOW.minusSeconds(5), 23), true, false, null, NOW.minusSeconds(5));
		assertThat(utilization(view, Duration.ofMinutes(1))).isEqualTo("server.utilization=23%");
	}

	@Test
	void aSampleOlderThanTwiceTheIntervalsIsNotShown() {
		ServerView view = new ServerView(activity(NOW.minusSeconds(50), 23), true, false, null, NOW.minusSeconds(50));
		assertThat(utilization(view, Duration.ofSeconds(20))).isEqualTo("server.utilization=unknown");
		assertThat(utilization(view, Duration.ofSeconds(30))).isEqualTo("server.utilization=23%");
	}

	@Test
	void aFailedOrMissingSampleIsNotShown() {
		ServerView failed = new ServerView(activity(NOW.minusSeconds(1), 23), false, true, "Connection refused",
				NOW);
		assertThat(utilization(failed, Duration.ofMinutes(1))).isEqualTo("server.utilization=unknown");
		ServerView none = new ServerView(null, true, true, "not sampled yet", NOW);
		assertThat(utilization(none, Duration.ofMinutes(1))).isEqualTo("server.utilization=unknown");
	}

	@Test
	void millisecondsShowThreeDecimalsBelowOneAndOneAbove() {
		assertThat(PoolUsageReport.millis(0)).isEqualTo("0ms");
		assertThat(PoolUsageReport.millis(0.0042)).isEqualTo("0.004ms");
		assertThat(PoolUsageReport.millis(4.06)).isEqualTo("4.1ms");
		assertThat(PoolUsageReport.millis(1502.34)).isEqualTo("1502.3ms");
	}

	@Test
	void aReportWithoutAnIntervalNeverRuns() {
		PoolUsageReport report = new PoolUsageReport(Duration.ZERO, List.of());
		report.start();
		assertThat(report.isRunning()).isFalse();
		report.close();
	}

	private String utilization(ServerView view, Duration interval) {
		Supplier<String> figure = PoolUsageReport.serverUtilization(() -> view, interval, Duration.ofSeconds(10),
				this.clock);
		return figure.get();
	}

	private static ServerActivity activity(Instant sampledAt, int serverConnections) {
		return new ServerActivity(sampledAt, Map.of(), Map.of(), 0, serverConnections, 103, 3, Duration.ZERO,
				Duration.ZERO, Duration.ZERO, 0, 0, false);
	}

}
