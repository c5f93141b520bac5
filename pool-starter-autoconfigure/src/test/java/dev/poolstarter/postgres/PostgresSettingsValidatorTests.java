package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.PostgresProperties;
import dev.poolstarter.postgres.adaptive.AdaptiveRequest;
import dev.poolstarter.postgres.adaptive.SizingMode;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.PoolSize;
import dev.poolstarter.postgres.settings.PostgresProfiles;
import dev.poolstarter.postgres.settings.PostgresSetting;
import dev.poolstarter.postgres.settings.PostgresSettings;
import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;
import dev.poolstarter.settings.ResolvedSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PostgresSettingsValidator}: every rule with a bad value (the problem names
 * the key, its value and origin; the action names the value to use) and the boundary
 * value that passes, on top of the prod profile, which passes every rule.
 */
class PostgresSettingsValidatorTests {

	private static final ServerFacts SERVER = new ServerFacts(100, 3, Duration.ZERO, "17.0");

	@Test
	void builtInProfilesPassEveryCheck() {
		for (BuiltInProfile tier : BuiltInProfile.values()) {
			assertThatNoException().isThrownBy(() -> validator((settings) -> {
			}, tier).checkStatic());
		}
	}

	@Test
	void rejectsZeroPoolSizeAndAcceptsOneAndAuto() {
		assertRejected((s) -> s.setMaxConnections(PoolSize.of(0)),
				"max-connections=0 (from pool.postgres.max-connections) is below 1",
				"Set pool.postgres.max-connections to 1 or more, or to 'auto'");
		assertAccepted((s) -> {
			s.setMaxConnections(PoolSize.of(1));
			s.setMinIdle(1);
		});
		assertAccepted((s) -> s.setMaxConnections(PoolSize.valueOf("auto")));
	}

	@Test
	void rejectsMaxConnectionsCapBelowOneAndAcceptsOne() {
		assertRejected((s) -> s.setMaxConnectionsCap(0),
				"max-connections-cap=0 (from pool.postgres.max-connections-cap) is below 1",
				"Set pool.postgres.max-connections-cap to 1 or more, or leave it unset for no cap.");
		assertAccepted((s) -> s.setMaxConnectionsCap(1));
	}

	@Test
	void rejectsNegativeMinIdleAndAcceptsZero() {
		assertRejected((s) -> s.setMinIdle(-1), "min-idle=-1 (from pool.postgres.min-idle) is below 0",
				"Set pool.postgres.min-idle to 0 or more.");
		assertAccepted((s) -> s.setMinIdle(0));
	}

	@Test
	void rejectsMinIdleAboveMaximumAndAcceptsMinIdleEqualToIt() {
		assertRejected((s) -> {
			s.setMaxConnections(PoolSize.of(5));
			s.setMinIdle(6);
		}, "min-idle=6 (from pool.postgres.min-idle) is above the maximum pool size 5 "
				+ "(pool.postgres.max-connections)", "Set pool.postgres.min-idle to at most 5");
		assertAccepted((s) -> {
			s.setMaxConnections(PoolSize.of(5));
			s.setMinIdle(5);
		});
	}

	@Test
	void rejectsMinIdleAboveTheSizeTheFormulaChose() {
		PostgresSettingsValidator validator = validator((s) -> s.setMinIdle(4), BuiltInProfile.PROD);
		assertThatExceptionOfType(PostgresSettingsException.class).isThrownBy(() -> validator.checkMinIdle(3))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains("min-idle=4 (from pool.postgres.min-idle) is above the maximum pool size 3");
				assertThat(ex.getAction()).contains("at most 3");
			});
		assertThatNoException().isThrownBy(() -> validator.checkMinIdle(4));
	}

	@Test
	void rejectsConnectionsPerTaskBelowOneAndAcceptsOne() {
		assertRejected((s) -> s.setConnectionsPerTask(0),
				"connections-per-task=0 (from pool.postgres.connections-per-task) is below 1",
				"Set pool.postgres.connections-per-task to 1 or more.");
		assertAccepted((s) -> s.setConnectionsPerTask(1));
	}

	@Test
	void rejectsNegativeStatementCacheAndAcceptsZero() {
		assertRejected((s) -> s.setStatementCacheSize(-1),
				"statement-cache-size=-1 (from pool.postgres.statement-cache-size) is below 0",
				"Set pool.postgres.statement-cache-size to 0 (no cache) or more.");
		assertAccepted((s) -> s.setStatementCacheSize(0));
	}

	@Test
	void rejectsPoolTimeoutBelowHikarisFloorAndAcceptsTheFloor() {
		assertRejected((s) -> s.setPoolTimeout(Duration.ZERO),
				"pool-timeout=0 (from pool.postgres.pool-timeout) is below 250ms (HikariCP's shortest)",
				"Set pool.postgres.pool-timeout to at least 250ms; the profiles' value is 10s.");
		assertRejected((s) -> s.setPoolTimeout(Duration.ofMillis(249)), "pool-timeout=249ms", "at least 250ms");
		assertRejected((s) -> s.setPoolTimeout(Duration.ofMillis(250)),
				"validation-timeout=5s (from HikariCP default) is not below pool-timeout=250ms",
				"Set pool.postgres.pool-timeout above 250ms");
		assertAccepted((s) -> {
			s.setPoolTimeout(Duration.ofMillis(251));
			s.setValidationTimeout(Duration.ofMillis(250));
			s.setConnectTimeout(Duration.ofSeconds(1));
		});
	}

	@Test
	void rejectsConnectTimeoutBelowOneSecondAndAcceptsOneSecond() {
		assertRejected((s) -> s.setConnectTimeout(Duration.ofMillis(999)),
				"connect-timeout=999ms (from pool.postgres.connect-timeout) is below 1s (pgjdbc counts whole seconds",
				"Set pool.postgres.connect-timeout to at least 1s; the profiles' value is 5s.");
		assertRejected((s) -> s.setConnectTimeout(Duration.ofSeconds(-1)), "connect-timeout=-1s", "at least 1s");
		assertAccepted((s) -> s.setConnectTimeout(Duration.ofSeconds(1)));
	}

	@Test
	void rejectsValidationTimeoutBelowHikarisFloorAndAcceptsTheFloor() {
		assertRejected((s) -> s.setValidationTimeout(Duration.ofMillis(249)),
				"validation-timeout=249ms (from pool.postgres.validation-timeout) is below 250ms (HikariCP's shortest)",
				"Set pool.postgres.validation-timeout to at least 250ms; HikariCP's default is 5s.");
		assertAccepted((s) -> s.setValidationTimeout(Duration.ofMillis(250)));
	}

	@Test
	void rejectsMaxLifetimeBelowThirtySecondsAndAcceptsThirtySeconds() {
		assertRejected((s) -> s.setMaxLifetime(Duration.ofMillis(29_999)),
				"max-lifetime=29999ms (from pool.postgres.max-lifetime) is below 30s (HikariCP's shortest)",
				"Set pool.postgres.max-lifetime to at least 30s; HikariCP's default is 30m.");
		assertAccepted((s) -> {
			s.setMaxLifetime(Duration.ofSeconds(30));
			s.setIdleTimeout(Duration.ZERO);
			s.setKeepalive(Duration.ZERO);
			s.setLeakDetectionThreshold(Duration.ZERO);
		});
	}

	@Test
	void rejectsNegativeServerSideAndSocketTimeoutsAndAcceptsZeroAsOff() {
		assertRejected((s) -> s.setStatementTimeout(Duration.ofSeconds(-5)),
				"statement-timeout=-5s (from pool.postgres.statement-timeout) is negative",
				"Set pool.postgres.statement-timeout to 0 (off) or more.");
		assertRejected((s) -> s.setLockTimeout(Duration.ofMillis(-1)),
				"lock-timeout=-1ms (from pool.postgres.lock-timeout) is negative",
				"Set pool.postgres.lock-timeout to 0 (off) or more.");
		assertRejected((s) -> s.setSocketTimeout(Duration.ofSeconds(-1)),
				"socket-timeout=-1s (from pool.postgres.socket-timeout) is negative",
				"Set pool.postgres.socket-timeout to 0 (off) or more.");
		assertRejected((s) -> s.setIdleInTransactionSessionTimeout(Duration.ofSeconds(-1)),
				"idle-in-transaction-session-timeout=-1s (from pool.postgres.idle-in-transaction-session-timeout) is negative",
				"Set pool.postgres.idle-in-transaction-session-timeout to 0 (off) or more.");
		assertAccepted((s) -> {
			s.setStatementTimeout(Duration.ZERO);
			s.setLockTimeout(Duration.ZERO);
			s.setSocketTimeout(Duration.ZERO);
			s.setIdleInTransactionSessionTimeout(Duration.ZERO);
		});
	}

	@Test
	void rejectsANegativeLogIntervalAndAcceptsZeroAsOff() {
		assertRejected((s) -> s.setLogInterval(Duration.ofSeconds(-1)),
				"log-interval=-1s (from pool.postgres.log-interval) is negative",
				"Set pool.postgres.log-interval to 0 (off) or more.");
		assertAccepted((s) -> s.setLogInterval(Duration.ZERO));
	}

	@Test
	void rejectsIdleTimeoutThatHikariWouldRaiseAndAcceptsZeroAndTenSeconds() {
		assertRejected((s) -> s.setIdleTimeout(Duration.ofMillis(9_999)),
				"idle-timeout=9999ms (from pool.postgres.idle-timeout) is neither 0 nor at least 10s: HikariCP raises",
				"Set pool.postgres.idle-timeout to 0 (off) or at least 10s.");
		assertRejected((s) -> s.setIdleTimeout(Duration.ofSeconds(-1)), "idle-timeout=-1s", "0 (off) or at least 10s");
		assertAccepted((s) -> s.setIdleTimeout(Duration.ofSeconds(10)));
		assertAccepted((s) -> s.setIdleTimeout(Duration.ZERO));
	}

	@Test
	void rejectsKeepaliveThatHikariWouldSilentlyDisableAndAcceptsZeroAndThirtySeconds() {
		assertRejected((s) -> s.setKeepalive(Duration.ofMillis(29_999)),
				"keepalive=29999ms (from pool.postgres.keepalive) is neither 0 nor at least 30s",
				"Set pool.postgres.keepalive to 0 (off) or at least 30s.");
		assertAccepted((s) -> s.setKeepalive(Duration.ofSeconds(30)));
		assertAccepted((s) -> s.setKeepalive(Duration.ZERO));
	}

	@Test
	void rejectsLeakDetectionThatHikariWouldSilentlyDisableAndAcceptsZeroAndTwoSeconds() {
		assertRejected((s) -> s.setLeakDetectionThreshold(Duration.ofMillis(1_999)),
				"leak-detection-threshold=1999ms (from pool.postgres.leak-detection-threshold) is neither 0 nor at least 2s",
				"Set pool.postgres.leak-detection-threshold to 0 (off) or at least 2s.");
		assertRejected((s) -> s.setLeakDetectionThreshold(Duration.ofSeconds(-1)), "leak-detection-threshold=-1s",
				"0 (off) or at least 2s");
		assertAccepted((s) -> s.setLeakDetectionThreshold(Duration.ofSeconds(2)));
		assertAccepted((s) -> s.setLeakDetectionThreshold(Duration.ZERO));
	}

	@Test
	void rejectsValidationTimeoutNotBelowPoolTimeoutAndAcceptsOneMillisecondBelow() {
		assertRejected((s) -> s.setValidationTimeout(Duration.ofSeconds(10)),
				"validation-timeout=10s (from pool.postgres.validation-timeout) is not below pool-timeout=10s (from profile prod)",
				"Set pool.postgres.validation-timeout below the pool timeout, for example to 5s");
		assertAccepted((s) -> s.setValidationTimeout(Duration.ofMillis(9_999)));
	}

	@Test
	void poolTimeoutAtHikarisFloorAsksToRaiseThePoolTimeoutNotToLowerValidation() {
		assertRejected((s) -> {
			s.setPoolTimeout(Duration.ofMillis(250));
			s.setValidationTimeout(Duration.ofMillis(250));
		}, "is not below pool-timeout=250ms", "Set pool.postgres.pool-timeout above 250ms, for example to 500ms");
	}

	@Test
	void rejectsKeepaliveNotBelowMaxLifetimeAndAcceptsOneMillisecondBelow() {
		assertRejected((s) -> {
			s.setKeepalive(Duration.ofMinutes(30));
			s.setMaxLifetime(Duration.ofMinutes(30));
		}, "keepalive=30m (from pool.postgres.keepalive) is not below max-lifetime=30m (from pool.postgres.max-lifetime)",
				"Set pool.postgres.keepalive below the max lifetime, or 0 to turn it off.");
		assertAccepted((s) -> {
			s.setKeepalive(Duration.ofMinutes(30).minusMillis(1));
			s.setMaxLifetime(Duration.ofMinutes(30));
		});
	}

	@Test
	void rejectsLeakDetectionNotBelowMaxLifetimeAndAcceptsOneMillisecondBelow() {
		assertRejected((s) -> s.setLeakDetectionThreshold(Duration.ofMinutes(30)),
				"leak-detection-threshold=30m (from pool.postgres.leak-detection-threshold) is not below "
						+ "max-lifetime=30m (from HikariCP default)",
				"Set pool.postgres.leak-detection-threshold below the max lifetime, or 0 to turn it off.");
		assertAccepted((s) -> s.setLeakDetectionThreshold(Duration.ofMinutes(30).minusMillis(1)));
	}

	@Test
	void rejectsIdleTimeoutNotOneSecondBelowMaxLifetimeAndAcceptsOneSecondBelow() {
		assertRejected((s) -> {
			s.setMaxLifetime(Duration.ofMinutes(3));
			s.setIdleTimeout(Duration.ofMinutes(3).minusMillis(999));
		}, "idle-timeout=179001ms (from pool.postgres.idle-timeout) is not at least 1s below max-lifetime=3m",
				"Set pool.postgres.idle-timeout below the max lifetime, for example to 1m.");
		assertAccepted((s) -> {
			s.setMaxLifetime(Duration.ofMinutes(3));
			s.setIdleTimeout(Duration.ofMinutes(3).minusSeconds(1));
		});
	}

	@Test
	void rejectsSocketTimeoutNotAboveStatementTimeoutAndAcceptsOneMillisecondAbove() {
		assertRejected((s) -> s.setSocketTimeout(Duration.ofSeconds(30)),
				"socket-timeout=30s (from pool.postgres.socket-timeout) is not above statement-timeout=30s",
				"Set pool.postgres.socket-timeout to at least 45s, or 0 to turn it off.");
		assertAccepted((s) -> s.setSocketTimeout(Duration.ofSeconds(30).plusMillis(1)));
	}

	@Test
	void warnsWhenConnectTimeoutExceedsPoolTimeoutButNotWhenEqual() {
		PostgresSettingsValidator validator = validator((s) -> s.setConnectTimeout(Duration.ofSeconds(60)),
				BuiltInProfile.PROD);
		validator.checkStatic();
		assertThat(validator.warnings()).singleElement()
			.asString()
			.contains("connect-timeout=1m (from pool.postgres.connect-timeout) is above pool-timeout=10s");
		PostgresSettingsValidator equal = validator((s) -> s.setConnectTimeout(Duration.ofSeconds(10)), BuiltInProfile.PROD);
		equal.checkStatic();
		assertThat(equal.warnings()).isEmpty();
	}

	@Test
	void rejectsInstancesBelowOneAndAcceptsOne() {
		assertFleetRejected((s) -> {
		}, 0, "pool.instances=0 is below 1", "Set pool.instances to the number of instances, 1 or more.");
		assertFleetAccepted((s) -> {
		}, 1);
	}

	@Test
	void rejectsBudgetOutsideAShareAndAcceptsItsBounds() {
		for (double budget : new double[] { 0, -0.1, 1.01 }) {
			assertFleetRejected((s) -> s.setBudget(budget), 1,
					"pool.postgres.budget=" + budget + " is not a share above 0 and at most 1",
					"Set pool.postgres.budget to a share above 0 and at most 1, such as 0.8");
		}
		assertFleetAccepted((s) -> s.setBudget(1.0), 1);
		assertFleetAccepted((s) -> s.setBudget(0.01), 1);
	}

	@Test
	void rejectsNegativeSpindlesAndAcceptsZero() {
		assertFleetRejected((s) -> s.setSpindles(-1), 1, "pool.postgres.spindles=-1 is negative",
				"Set pool.postgres.spindles to 0 for SSDs, or to the number of disks.");
		assertFleetAccepted((s) -> s.setSpindles(0), 1);
	}

	@Test
	void rejectsDatabaseCoresBelowOneAndAcceptsOne() {
		assertFleetRejected((s) -> s.setDatabaseCores(0), 1, "pool.postgres.database-cores=0 is below 1",
				"Set pool.postgres.database-cores to the database server's core count, 1 or more.");
		assertFleetAccepted((s) -> s.setDatabaseCores(1), 1);
	}

	@Test
	void requiresTaskThreadsWhenTasksHoldSeveralConnections() {
		assertFleetRejected((s) -> s.setConnectionsPerTask(2), 1,
				"connections-per-task=2 (from pool.postgres.connections-per-task) needs pool.postgres.task-threads",
				"Set pool.postgres.task-threads, for example to the web server's maximum threads.");
		assertFleetRejected((s) -> {
			s.setConnectionsPerTask(2);
			s.setTaskThreads(0);
		}, 1, "needs pool.postgres.task-threads", "pool.postgres.task-threads");
		assertFleetAccepted((s) -> {
			s.setConnectionsPerTask(2);
			s.setTaskThreads(1);
		}, 1);
		assertFleetAccepted((s) -> s.setConnectionsPerTask(1), 1);
	}

	@Test
	void rejectsStartupTimeoutThatLeavesNoTimeToRetryUnlessFailFast() {
		for (Duration timeout : new Duration[] { Duration.ZERO, Duration.ofSeconds(-1) }) {
			assertFleetRejected((s) -> s.setStartupTimeout(timeout), 1,
					"pool.postgres.startup-timeout=" + (timeout.isZero() ? "0" : "-1s")
							+ " leaves no time to reach the database",
					"Set pool.postgres.startup-timeout to a positive time such as 30s, or pool.postgres.fail-fast=true.");
		}
		assertFleetAccepted((s) -> s.setStartupTimeout(Duration.ofMillis(1)), 1);
		assertFleetAccepted((s) -> {
			s.setStartupTimeout(Duration.ZERO);
			s.setFailFast(true);
		}, 1);
	}

	@Test
	void rejectsMaxLifetimeNotFiveSecondsBelowNetworkIdleTimeoutAndAcceptsFiveSecondsBelow() {
		assertFleetRejected((s) -> s.setNetworkIdleTimeout(Duration.ofMinutes(5)), 1,
				"max-lifetime=30m (from HikariCP default) is not at least 5s below pool.postgres.network-idle-timeout=5m",
				"Set pool.postgres.max-lifetime to 270s or less, and pool.postgres.idle-timeout below it, for "
						+ "example to 90s.");
		assertFleetRejected((s) -> {
			s.setNetworkIdleTimeout(Duration.ofMinutes(5));
			s.setMaxLifetime(Duration.ofMinutes(5).minusSeconds(4));
		}, 1, "is not at least 5s below pool.postgres.network-idle-timeout=5m", "max-lifetime to 270s or less");
		assertFleetAccepted((s) -> {
			s.setNetworkIdleTimeout(Duration.ofMinutes(5));
			s.setMaxLifetime(Duration.ofMinutes(5).minusSeconds(5));
			s.setIdleTimeout(Duration.ofSeconds(90));
		}, 1);
		assertFleetAccepted((s) -> s.setNetworkIdleTimeout(Duration.ZERO), 1);
	}

	@Test
	void idleLimitBelowHikarisShortestLifetimeAsksToRaiseTheLimit() {
		assertFleetRejected((s) -> {
			s.setNetworkIdleTimeout(Duration.ofSeconds(20));
			s.setMaxLifetime(Duration.ofSeconds(30));
		}, 1, "max-lifetime=30s (from pool.postgres.max-lifetime) cannot stay 5s below pool.postgres.network-idle-timeout=20s",
				"Raise that idle limit to at least 35s");
	}

	@Test
	void rejectsMaxLifetimeNotFiveSecondsBelowServerIdleSessionTimeoutAndAcceptsFiveSecondsBelow() {
		PostgresSettingsValidator validator = validator((s) -> s.setMaxLifetime(Duration.ofMinutes(30)), BuiltInProfile.PROD);
		ServerFacts server = new ServerFacts(100, 3, Duration.ofMinutes(10), "17.0");
		assertThatExceptionOfType(PostgresSettingsException.class).isThrownBy(() -> validator.checkServer(server))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains("max-lifetime=30m (from pool.postgres.max-lifetime)")
					.contains("the server's idle_session_timeout=10m");
				assertThat(ex.getAction()).isEqualTo("Set pool.postgres.max-lifetime to 9m or less, and "
						+ "pool.postgres.idle-timeout below it, for example to 3m.");
			});
		PostgresSettingsValidator shortIdle = validator((s) -> {
			s.setMaxLifetime(Duration.ofMinutes(30));
			s.setIdleTimeout(Duration.ofMinutes(1));
		}, BuiltInProfile.PROD);
		assertThatExceptionOfType(PostgresSettingsException.class).isThrownBy(() -> shortIdle.checkServer(server))
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set pool.postgres.max-lifetime to 9m or less."));
		ServerFacts justAbove = new ServerFacts(100, 3, Duration.ofMinutes(30).plusSeconds(5), "17.0");
		assertThatNoException().isThrownBy(() -> validator.checkServer(justAbove));
	}

	@Test
	void serverWithoutIdleSessionTimeoutPasses() {
		assertThatNoException().isThrownBy(() -> validator((s) -> {
		}, BuiltInProfile.PROD).checkServer(SERVER));
	}

	private static void assertRejected(Consumer<PostgresProperties> change, String problem, String action) {
		assertThatExceptionOfType(PostgresSettingsException.class)
			.isThrownBy(() -> validator(change, BuiltInProfile.PROD).checkStatic())
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains(problem);
				assertThat(ex.getAction()).contains(action);
			});
	}

	private static void assertAccepted(Consumer<PostgresProperties> change) {
		assertThatNoException().isThrownBy(() -> validator(change, BuiltInProfile.PROD).checkStatic());
	}

	private static void assertFleetRejected(Consumer<PostgresProperties> change, int instances, String problem,
			String action) {
		PostgresProperties explicit = properties(change);
		assertThatExceptionOfType(PostgresSettingsException.class)
			.isThrownBy(() -> validator(explicit, BuiltInProfile.PROD).checkFleet(request(explicit), instances))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains(problem);
				assertThat(ex.getAction()).contains(action);
			});
	}

	private static void assertFleetAccepted(Consumer<PostgresProperties> change, int instances) {
		PostgresProperties explicit = properties(change);
		PostgresSettingsValidator validator = validator(explicit, BuiltInProfile.PROD);
		assertThatNoException().isThrownBy(() -> {
			validator.checkFleet(request(explicit), instances);
			validator.checkStatic();
		});
	}

	private static PostgresPoolRequest request(PostgresProperties explicit) {
		return new PostgresPoolRequest(null, PostgresPoolRequest.Source.NONE, null, PostgresPoolRequest.Source.NONE,
				Layer.named("none", new PostgresSettings()),
				new PostgresPoolRequest.Fleet(null, explicit.getDatabaseCores(), explicit.getSpindles(),
						explicit.getBudget(), explicit.getTaskThreads()),
				explicit.isFailFast(), explicit.getStartupTimeout(), explicit.getNetworkIdleTimeout(), null,
				new AdaptiveRequest(SizingMode.FIXED, Duration.ofSeconds(1), 1, Duration.ofSeconds(20), 0.03, 0.8), null);
	}

	private static PostgresSettingsValidator validator(Consumer<PostgresProperties> change, BuiltInProfile tier) {
		return validator(properties(change), tier);
	}

	private static PostgresProperties properties(Consumer<PostgresProperties> change) {
		PostgresProperties explicit = new PostgresProperties();
		change.accept(explicit);
		return explicit;
	}

	private static PostgresSettingsValidator validator(PostgresProperties explicit, BuiltInProfile tier) {
		ResolvedSettings<PostgresSettings> settings = ResolvedSettings
			.resolve(PostgresSetting.ALL, List.of(Layer.properties("pool.postgres", explicit),
					Layer.named("profile " + tier.profileName(), PostgresProfiles.table(tier)),
					PostgresProfiles.libraryDefaults()));
		return new PostgresSettingsValidator("primary", settings);
	}

}
