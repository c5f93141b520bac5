package dev.poolstarter.bench;

import java.util.List;

/**
 * The fleet scenario over the rounds of a run.
 *
 * @param plan what ran
 * @param rounds one per round
 */
record FleetResult(FleetPlan plan, List<FleetRound> rounds) {

	/**
	 * Return the verdict on the fleet budget: met when the fleet stayed within it at
	 * every sample of every round, not met when it went above it in every round.
	 * @return the verdict
	 */
	Verdict budgetVerdict() {
		List<FleetRound> sampled = this.rounds.stream().filter((round) -> !round.samples().isEmpty()).toList();
		return Verdict.everyRound((int) sampled.stream().filter(FleetRound::withinBudget).count(), sampled.size());
	}

	Spread largestTotal() {
		return Spread.of(this.rounds.stream().map((round) -> (double) round.largestTotal()).toList());
	}

}
