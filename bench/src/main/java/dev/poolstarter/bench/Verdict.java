package dev.poolstarter.bench;

import java.util.List;

/**
 * Whether a run meets a target, decided on the spread of its rounds so that the noise of a
 * shared machine cannot make a verdict: met when the whole range clears the target, not
 * met when none of it does, inconclusive when the range straddles it or when fewer than
 * {@link #MIN_ROUNDS} rounds were measured.
 *
 * @author pool-starter
 */
enum Verdict {

	/**
	 * Every round cleared the target.
	 */
	MET("met"),

	/**
	 * No round cleared the target.
	 */
	NOT_MET("**not met**"),

	/**
	 * Some rounds cleared the target and some did not, or too few were measured.
	 */
	INCONCLUSIVE("inconclusive"),

	/**
	 * Nothing was measured.
	 */
	NOT_MEASURED("not measured");

	static final int MIN_ROUNDS = 3;

	private final String label;

	Verdict(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/**
	 * Return whether a figure is at least the target in every round.
	 * @param spread the figure over the rounds
	 * @param target the target
	 * @return the verdict
	 */
	static Verdict atLeast(Spread spread, double target) {
		if (!spread.measured()) {
			return NOT_MEASURED;
		}
		if (spread.count() < MIN_ROUNDS) {
			return INCONCLUSIVE;
		}
		if (spread.min() >= target) {
			return MET;
		}
		return (spread.max() < target) ? NOT_MET : INCONCLUSIVE;
	}

	/**
	 * Return whether a figure is at most the target in every round.
	 * @param spread the figure over the rounds
	 * @param target the target
	 * @return the verdict
	 */
	static Verdict atMost(Spread spread, double target) {
		if (!spread.measured()) {
			return NOT_MEASURED;
		}
		if (spread.count() < MIN_ROUNDS) {
			return INCONCLUSIVE;
		}
		if (spread.max() <= target) {
			return MET;
		}
		return (spread.min() > target) ? NOT_MET : INCONCLUSIVE;
	}

	/**
	 * Return whether a figure with a confidence interval, such as a JMH score, is at most
	 * the target.
	 * @param value the figure
	 * @param error the interval's half-width, {@code NaN} when unknown
	 * @param target the target
	 * @return met when the whole interval is at most the target, not met when all of it
	 * is above
	 */
	static Verdict atMost(double value, double error, double target) {
		if (Double.isNaN(value)) {
			return NOT_MEASURED;
		}
		if (Double.isNaN(error)) {
			return INCONCLUSIVE;
		}
		if (value + error <= target) {
			return MET;
		}
		return (value - error > target) ? NOT_MET : INCONCLUSIVE;
	}

	/**
	 * Return whether a condition held in every round.
	 * @param passed the rounds in which it held
	 * @param rounds the rounds
	 * @return the verdict
	 */
	static Verdict everyRound(int passed, int rounds) {
		if (rounds == 0) {
			return NOT_MEASURED;
		}
		if (rounds < MIN_ROUNDS) {
			return INCONCLUSIVE;
		}
		if (passed == rounds) {
			return MET;
		}
		return (passed == 0) ? NOT_MET : INCONCLUSIVE;
	}

	/**
	 * Return the verdict on targets that must all be met: not met when any is not met, met
	 * when all are met, not measured when none was measured, and inconclusive otherwise
	 * (also when only some were measured).
	 * @param verdicts the verdicts on each part
	 * @return the verdict on the whole
	 */
	static Verdict all(List<Verdict> verdicts) {
		if (verdicts.stream().allMatch((verdict) -> verdict == NOT_MEASURED)) {
			return NOT_MEASURED;
		}
		if (verdicts.contains(NOT_MET)) {
			return NOT_MET;
		}
		return verdicts.stream().allMatch((verdict) -> verdict == MET) ? MET : INCONCLUSIVE;
	}

}
