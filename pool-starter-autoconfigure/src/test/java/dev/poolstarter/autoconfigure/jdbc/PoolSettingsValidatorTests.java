package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.profile.BuiltInProfiles;
import dev.poolstarter.autoconfigure.profile.PoolSize;
import dev.poolstarter.autoconfigure.profile.PoolTier;
import dev.poolstarter.autoconfigure.profile.PostgresPoolSettings;
import dev.poolstarter.autoconfigure.profile.PostgresProperties;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.autoconfigure.profile.ResolvedClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PoolSettingsValidator}.
 */
class PoolSettingsValidatorTests {

	private static final ServerFacts SERVER = new ServerFacts(100, 3, Duration.ZERO, "17.0");

	@Test
	void builtInProfilesPassEveryCheck() {
		for (PoolTier tier : PoolTier.values()) {
			assertThatNoException().isThrownBy(() -> validator((settings) -> {
			}, tier).checkStatic());
		}
	}

	@Test
	void rejectsZeroPoolSize() {
		assertProblem((s) -> s.setMaxConnections(PoolSize.of(0)), "max-connections=0 (from pool.postgres.max-connections) is below 1",
				"to 1 or more");
	}

	@Test
	void rejectsNegativeMinIdle() {
		assertProblem((s) -> s.setMinIdle(-1), "min-idle=-1", "0 or more");
	}

	@Test
	void rejectsMinIdleAboveMaximum() {
		assertProblem((s) -> {
			s.setMaxConnections(PoolSize.of(5));
			s.setMinIdle(8);
		}, "min-idle=8 (from pool.postgres.min-idle) is above the maximum pool size 5", "at most 5");
	}

	@Test
	void rejectsZeroAndNegativeTimeouts() {
		assertProblem((s) -> s.setPoolTimeout(Duration.ZERO), "pool-timeout=0", "at least 250ms");
		assertProblem((s) -> s.setConnectTimeout(Duration.ofSeconds(-1)), "connect-timeout=-1s", "at least 1s");
		assertProblem((s) -> s.setStatementTimeout(Duration.ofSeconds(-5)), "statement-timeout=-5s (from pool.postgres.statement-timeout) is negative",
				"0 (off)");
	}

	@Test
	void rejectsValidationTimeoutNotBelowPoolTimeout() {
		assertProblem((s) -> s.setValidationTimeout(Duration.ofSeconds(10)),
				"validation-timeout=10s (from pool.postgres.validation-timeout) is not below pool-timeout=10s (from profile prod)",
				"for example to 5s");
	}

	@Test
	void poolTimeoutAtHikarisFloorAsksToRaiseThePoolTimeoutNotToLowerValidation() {
		assertProblem((s) -> {
			s.setPoolTimeout(Duration.ofMillis(250));
			s.setValidationTimeout(Duration.ofMillis(250));
		}, "is not below pool-timeout=250ms", "Set pool.postgres.pool-timeout above 250ms, for example to 500ms");
	}

	@Test
	void rejectsKeepaliveThatHikariWouldSilentlyDisable() {
		assertProblem((s) -> s.setKeepalive(Duration.ofSeconds(10)), "keepalive=10s", "at least 30s");
		assertProblem((s) -> {
			s.setKeepalive(Duration.ofMinutes(40));
			s.setMaxLifetime(Duration.ofMinutes(30));
		}, "keepalive=40m (from pool.postgres.keepalive) is not below max-lifetime=30m", "below the max lifetime");
	}

	@Test
	void rejectsSocketTimeoutNotAboveStatementTimeout() {
		assertProblem((s) -> s.setSocketTimeout(Duration.ofSeconds(30)),
				"socket-timeout=30s (from pool.postgres.socket-timeout) is not above statement-timeout=30s",
				"at least 45s");
	}

	@Test
	void rejectsMaxLifetimeNotBelowServerIdleSessionTimeout() {
		PoolSettingsValidator validator = validator((s) -> s.setMaxLifetime(Duration.ofMinutes(30)), PoolTier.PROD);
		ServerFacts server = new ServerFacts(100, 3, Duration.ofMinutes(10), "17.0");
		assertThatExceptionOfType(PoolSettingsException.class).isThrownBy(() -> validator.checkServer(server))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains("max-lifetime=30m")
					.contains("idle_session_timeout=10m");
				assertThat(ex.getAction()).contains("max-lifetime to 9m");
			});
	}

	@Test
	void rejectsMaxLifetimeAboveNetworkIdleTimeout() {
		PostgresProperties explicit = new PostgresProperties();
		explicit.setNetworkIdleTimeout(Duration.ofMinutes(5));
		PoolSettingsValidator validator = validator((s) -> {
		}, PoolTier.PROD);
		assertThatExceptionOfType(PoolSettingsException.class)
			.isThrownBy(() -> validator.checkFleetProperties(explicit, 1))
			.satisfies((ex) -> assertThat(ex.getProblem()).contains("max-lifetime=30m (from HikariCP default)")
				.contains("pool.postgres.network-idle-timeout=5m"));
	}

	@Test
	void requiresTaskThreadsWhenTasksHoldSeveralConnections() {
		PostgresProperties explicit = new PostgresProperties();
		PoolSettingsValidator validator = validator((s) -> s.setConnectionsPerTask(2), PoolTier.PROD);
		assertThatExceptionOfType(PoolSettingsException.class)
			.isThrownBy(() -> validator.checkFleetProperties(explicit, 1))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("pool.postgres.task-threads"));
	}

	@Test
	void rejectsStartupTimeoutThatLeavesNoTimeToRetry() {
		PostgresProperties explicit = new PostgresProperties();
		explicit.setStartupTimeout(Duration.ZERO);
		assertThatExceptionOfType(PoolSettingsException.class)
			.isThrownBy(() -> validator((s) -> {
			}, PoolTier.PROD).checkFleetProperties(explicit, 1))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("pool.postgres.fail-fast=true"));
	}

	@Test
	void idleLimitBelowHikarisShortestLifetimeAsksToRaiseTheLimit() {
		PostgresProperties explicit = new PostgresProperties();
		explicit.setNetworkIdleTimeout(Duration.ofSeconds(20));
		explicit.setMaxLifetime(Duration.ofSeconds(30));
		assertThatExceptionOfType(PoolSettingsException.class)
			.isThrownBy(() -> validator((s) -> {
			}, PoolTier.PROD).checkFleetProperties(explicit, 1))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Raise that idle limit to at least 35s"));
	}

	@Test
	void warnsWhenConnectTimeoutExceedsPoolTimeout() {
		PoolSettingsValidator validator = validator((s) -> s.setConnectTimeout(Duration.ofSeconds(60)),
				PoolTier.PROD);
		validator.checkStatic();
		assertThat(validator.warnings()).singleElement().asString().contains("connect-timeout=1m (from pool.postgres.connect-timeout) is above pool-timeout=10s");
	}

	@Test
	void serverWithoutIdleSessionTimeoutPasses() {
		assertThatNoException().isThrownBy(() -> validator((s) -> {
		}, PoolTier.PROD).checkServer(SERVER));
	}

	private static void assertProblem(Consumer<PostgresProperties> change, String problem, String action) {
		assertThatExceptionOfType(PoolSettingsException.class)
			.isThrownBy(() -> validator(change, PoolTier.PROD).checkStatic())
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains(problem);
				assertThat(ex.getAction()).contains(action);
			});
	}

	private static PoolSettingsValidator validator(Consumer<PostgresProperties> change, PoolTier tier) {
		PostgresProperties explicit = new PostgresProperties();
		change.accept(explicit);
		ResolvedClientSettings<PostgresPoolSettings> settings = ResolvedClientSettings
			.resolve(PostgresSetting.ALL, List.of(ResolvedClientSettings.Layer.properties("pool.postgres", explicit),
					ResolvedClientSettings.Layer.named("profile " + tier.profileName(), BuiltInProfiles.postgres(tier)),
					BuiltInProfiles.libraryDefaults()));
		return new PoolSettingsValidator("primary", settings);
	}

}
