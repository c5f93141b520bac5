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
		return side(probes, statics(),
				"lower than the static sizes in every round: such a probe is judged on less than the smaller size "
						+ "gives",
				"higher than the static sizes in every round",
				"within the range of the static sizes: no difference shown");
	}

	private String cost(Spread probes) {
		String noise = ", beyond the noise of alternating phases of one size";
		return "against the same pool's phases at the larger size, " + side(probes, controls(),
				"lower in every round" + noise, "higher in every round" + noise,
				"within the noise of alternating phases of one size");
	}

	// which side of a reference's range a range lies on in every round, if any
	private static String side(Spread range, Spread reference, String below, String above, String overlapping) {
		if (range.max() < reference.min()) {
			return below;
		}
		return (range.min() > reference.max()) ? above : overlapping;
	}

	private Spread spread(ToDoubleFunction<ProbeRound> ratio) {
		return Spread.of(this.rounds.stream().map((round) -> ratio.applyAsDouble(round)).toList());
	}

}
