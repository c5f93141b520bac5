package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probe scenario ({@code --scenario=probes}): whether a probe down reads the
 * throughput that the smaller static size reads. One workload runs in pairs of short
 * phases, the larger size in the first of each pair and the smaller in the second,
 * through four pools of the starter with fixed sizing: the larger size throughout, the
 * smaller size throughout, the larger size with a lending limit of the smaller one set at
 * the start of every second phase and lifted at the next, as adaptive sizing sets and
 * lifts it (holding the connections above it aside once no more are lent), and the
 * larger size of which the benchmark holds the difference aside in
 * every second phase.
 *
 * @param from the larger size, where the probe starts
 * @param to the smaller size, the probe's
 * @param load the clients and hold of every phase
 * @param seconds the length of one phase
 * @param pairs how many pairs of phases; the first pair is not measured
 */
record ProbePlan(int from, int to, Phase load, int seconds, int pairs) {

	ProbePlan {
		if (to < 1 || from <= to) {
			throw new IllegalArgumentException("--probe=" + from + ":" + to
					+ " needs a larger size first and a smaller one after it, such as --probe=64:45");
		}
		if (load.idle()) {
			throw new IllegalArgumentException("--probe-load needs clients, such as --probe-load=128x0");
		}
		if (pairs < 2) {
			throw new IllegalArgumentException(
					"--probe-pairs=" + pairs + " must be at least 2: the first is not measured");
		}
	}

	/**
	 * Parse the plan from {@code --probe=<from>:<to>}, {@code --probe-load=<clients>x<hold
	 * ms>}, {@code --probe-seconds} and {@code --probe-pairs}.
	 * @param sizes the sizes, such as {@code 64:45}
	 * @param load the load, such as {@code 128x0}
	 * @param seconds the length of one phase
	 * @param pairs the pairs of phases
	 * @return the plan
	 */
	static ProbePlan parse(String sizes, String load, int seconds, int pairs) {
		String[] pair = sizes.split(":", 2);
		if (pair.length != 2) {
			throw new IllegalArgumentException("--probe=" + sizes + " needs two sizes, such as --probe=64:45");
		}
		Phase phase = Scenario.parse(load, seconds).phases().get(0);
		return new ProbePlan(Integer.parseInt(pair[0].strip()), Integer.parseInt(pair[1].strip()), phase, seconds,
				pairs);
	}

	/**
	 * Return the scenario every pool runs: the load in {@code 2 x pairs} phases.
	 * @return the scenario
	 */
	Scenario scenario() {
		List<Phase> phases = new ArrayList<>();
		for (int i = 0; i < 2 * this.pairs; i++) {
			phases.add(new Phase(this.load.clients(), this.load.holdMillis(), this.seconds));
		}
		return new Scenario(phases);
	}

	/**
	 * Return whether a phase is one of the smaller size in the lending and holding pools.
	 * @param phase the phase's index
	 * @return whether it is
	 */
	boolean probes(int phase) {
		return phase % 2 == 1;
	}

	/**
	 * Return whether a phase is measured: every pair but the first.
	 * @param phase the phase's index
	 * @return whether it is
	 */
	boolean measured(int phase) {
		return phase >= 2;
	}

	String describe() {
		return String.format(Locale.ROOT, "%s, %d pairs of %d s phases (%d s), sizes %d and %d", this.load.label(),
				this.pairs, this.seconds, 2 * this.pairs * this.seconds, this.from, this.to);
	}

}
