package dev.poolstarter.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioTests {

	@Test
	void phasesAreClientsAndHoldWithTheDefaultLengthUnlessTheyGiveTheirOwn() {
		Scenario scenario = Scenario.parse("32x1, 128, idle:30, 64x5", 25);
		assertThat(scenario.phases()).containsExactly(new Phase(32, 1, 25), new Phase(128, 0, 25), new Phase(0, 0, 30),
				new Phase(64, 5, 25));
		assertThat(scenario.seconds()).isEqualTo(105);
		assertThat(scenario.maxClients()).isEqualTo(128);
	}

	@Test
	void momentOnABoundaryBelongsToThePhaseThatStartsThere() {
		Scenario scenario = Scenario.parse("32x1:10,idle:5,128:10", 20);
		assertThat(scenario.start(0)).isEqualTo(0);
		assertThat(scenario.start(1)).isEqualTo(10);
		assertThat(scenario.start(2)).isEqualTo(15);
		assertThat(scenario.phaseAt(9.999)).isEqualTo(0);
		assertThat(scenario.phaseAt(10)).isEqualTo(1);
		assertThat(scenario.phaseAt(14.5)).isEqualTo(1);
		assertThat(scenario.phaseAt(15)).isEqualTo(2);
		assertThat(scenario.phaseAt(24.9)).isEqualTo(2);
	}

	@Test
	void waitBoundRegimeRaisesEveryHoldToItsFloorAndKeepsIdlePhasesIdle() {
		Scenario scenario = Scenario.parse("32x1,128x0,idle,64x30", 20);
		assertThat(scenario.inRegime(Regime.WAIT_BOUND, 20).phases()).containsExactly(new Phase(32, 20, 20),
				new Phase(128, 20, 20), new Phase(0, 0, 20), new Phase(64, 30, 20));
		assertThat(scenario.inRegime(Regime.SERVER_BOUND, 20)).isEqualTo(scenario);
	}

	@Test
	void regimesAreNamedOnTheCommandLine() {
		assertThat(Regime.list("server-bound,wait-bound")).containsExactly(Regime.SERVER_BOUND, Regime.WAIT_BOUND);
		assertThatIllegalArgumentException().isThrownBy(() -> Regime.of("cpu-bound"))
			.withMessage("Unknown regime 'cpu-bound': use server-bound or wait-bound");
	}

	@Test
	void staticSizesBuiltByTheStarterKeepTheirSizeWhateverTheStarterPropertiesSay() {
		Map<String, String> extra = Map.of("pool.postgres.sizing", "adaptive", "pool.postgres.budget", "0.4");
		assertThat(PoolConfig.starterSweep(16).starterProperties(extra)).containsEntry("pool.postgres.sizing", "fixed")
			.containsEntry("pool.postgres.max-connections", "16")
			.containsEntry("pool.postgres.budget", "0.4");
		assertThat(PoolConfig.starterAdaptive().starterProperties(Map.of("pool.postgres.sizing", "fixed")))
			.containsEntry("pool.postgres.sizing", "fixed");
		assertThat(ScenarioOptions.parse("--scenario=shifting", "--static-pools=starter").starterStatics()).isTrue();
		assertThat(ScenarioOptions.parse("--scenario=shifting").starterStatics()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScenarioOptions.parse("--scenario=shifting", "--static-pools=dbcp"))
			.withMessage("Unknown --static-pools=dbcp: use hikari or starter");
	}

	@Test
	void quickScenarioIsOneRoundOfOneRegimeWithThreeStaticSizesAndTwentySecondPhases() {
		ScenarioOptions quick = ScenarioOptions.parse("--scenario=shifting", "--quick");
		assertThat(quick.repeats()).isEqualTo(1);
		assertThat(quick.regimes()).containsExactly(Regime.SERVER_BOUND);
		assertThat(quick.sizes()).hasSize(3);
		assertThat(quick.scenario().phases()).allSatisfy((phase) -> assertThat(phase.seconds()).isEqualTo(20));
		assertThat(quick.name()).endsWith("-shifting-quick");
		ScenarioOptions full = ScenarioOptions.parse("--scenario=shifting,fleet");
		assertThat(full.regimes()).containsExactly(Regime.SERVER_BOUND, Regime.WAIT_BOUND);
		assertThat(full.sizes()).isEqualTo(List.of(4, 8, 16, 32, 64));
		assertThat(ScenarioOptions.parse("--scenario=shifting", "--regime=wait-bound").regimes())
			.containsExactly(Regime.WAIT_BOUND);
	}

}
