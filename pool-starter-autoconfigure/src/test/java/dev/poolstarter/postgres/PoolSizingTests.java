package dev.poolstarter.postgres;

import org.junit.jupiter.api.Test;

import dev.poolstarter.postgres.server.FleetBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolSizing} and {@link FleetBudget}.
 */
class PoolSizingTests {

	private static final FleetBudget ROOMY = new FleetBudget(1000, 3, 0.8, 1);

	@Test
	void formulaGivesTheServersTargetToASingleInstance() {
		PoolSizing sizing = new PoolSizing(8, "pool.postgres.database-cores", 2, 1, 1, 1, null);
		assertThat(sizing.size(ROOMY).size()).isEqualTo(18);
		assertThat(sizing.size(ROOMY).explanation()).contains("8 database cores").contains("= 18");
	}

	@Test
	void instancesShareTheTargetRoundingUp() {
		PoolSizing sizing = new PoolSizing(8, "cores", 0, 3, 1, 1, null);
		assertThat(sizing.share()).isEqualTo(6);
		assertThat(sizing.size(new FleetBudget(1000, 3, 0.8, 3)).size()).isEqualTo(6);
	}

	@Test
	void poolLockingMinimumRaisesTheShare() {
		PoolSizing sizing = new PoolSizing(2, "cores", 0, 1, 3, 8, null);
		assertThat(sizing.lockingMinimum()).isEqualTo(17);
		assertThat(sizing.size(ROOMY).size()).isEqualTo(17);
		assertThat(sizing.size(ROOMY).explanation()).contains("pool-locking minimum 17");
	}

	@Test
	void capLimitsTheFormula() {
		PoolSizing sizing = new PoolSizing(64, "cores", 0, 1, 1, 1, 30);
		assertThat(sizing.size(ROOMY).size()).isEqualTo(30);
	}

	@Test
	void budgetShareLimitsTheFormula() {
		PoolSizing sizing = new PoolSizing(64, "cores", 0, 4, 1, 1, null);
		FleetBudget budget = new FleetBudget(100, 3, 0.8, 4);
		assertThat(budget.fleetConnections()).isEqualTo(77);
		assertThat(sizing.size(budget).size()).isEqualTo(19);
		assertThat(sizing.size(budget).explanation()).contains("budget share 19");
	}

	@Test
	void budgetArithmetic() {
		FleetBudget budget = new FleetBudget(100, 3, 0.8, 6);
		assertThat(budget.largestPoolSize()).isEqualTo(12);
		assertThat(budget.fits(12)).isTrue();
		assertThat(budget.fits(13)).isFalse();
		assertThat(budget.describe(15)).isEqualTo(
				"6 instance(s) x 15 connections = 90 > 77 (budget 0.8 x (max_connections 100 - reserved 3))");
	}

}
