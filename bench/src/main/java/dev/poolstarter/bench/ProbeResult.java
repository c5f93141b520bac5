package dev.poolstarter.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The probe scenario over its rounds, and what it shows: whether a probe down, made with
 * the lending limit or with connections held aside, reads what the smaller static size
 * reads.
 *
 * @param plan the plan
 * @param rounds one per round
 */
record ProbeResult(ProbePlan plan, List<ProbeRound> rounds) {

	Spread statics() {
		return spread(ProbeRound::staticRatio);
	}

	Spread limits() {
		return spread(ProbeRound::lendingRatio);
	}

	Spread holdings() {
		return spread(ProbeRound::holdingRatio);
	}

	Spread controls() {
		return spread(ProbeRound::controlRatio);
	}

	Spread firstSeconds() {
		return spread(ProbeRound::firstSecondRatio);
	}

	/**
	 * Return what the rounds show, computed from their ranges: a difference only where
	 * the ranges do not overlap, and nothing from fewer than {@link Verdict#MIN_ROUNDS}
	 * rounds.
	 * @return one sentence per way of probing
	 */
	String verdict() {
		int rounds = Math.min(statics().count(), Math.min(limits().count(), holdings().count()));
		if (rounds < Verdict.MIN_ROUNDS) {
			return "Too few rounds to tell (" + rounds + " measured, " + Verdict.MIN_ROUNDS + " needed).";
		}
		return "The lending limit read " + against(limits()) + "; " + cost(limits()) + ". The connections held "
				+ "aside read " + against(holdings()) + "; " + cost(holdings()) + ".";
	}

	private String against(Spread probes) {
		Spread statics = statics();
		if (probes.max() < statics.min()) {
			return "lower than the static sizes in every round: such a probe is judged on less than the smaller "
					+ "size gives";
		}
		if (probes.min() > statics.max()) {
			return "higher than the static sizes in every round";
		}
		return "within the range of the static sizes: no difference shown";
	}

	private String cost(Spread probes) {
		Spread controls = controls();
		if (probes.max() < controls.min()) {
			return "against the same pool's phases at the larger size, lower in every round, beyond the noise of "
					+ "alternating phases of one size";
		}
		if (probes.min() > controls.max()) {
			return "against the same pool's phases at the larger size, higher in every round, beyond the noise of "
					+ "alternating phases of one size";
		}
		return "against the same pool's phases at the larger size, within the noise of alternating phases of one "
				+ "size";
	}

	private Spread spread(ToDoubleFunction<ProbeRound> ratio) {
		return Spread.of(this.rounds.stream().map((round) -> ratio.applyAsDouble(round)).toList());
	}

}
