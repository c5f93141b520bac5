package dev.poolstarter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A shifting workload: phases one after the other, each with its own client count and
 * hold, through one pool that is not restarted at the boundaries.
 *
 * @param phases the phases, in order
 */
record Scenario(List<Phase> phases) {

	/**
	 * The phases of {@code --phases} by default: clients and hold in milliseconds, idle for
	 * none; server-bound at 128 clients with no hold, and back to it after the idle phase.
	 */
	static final String DEFAULT_PHASES = "32x1,128x0,8x1,64x5,idle,128x0";

	Scenario {
		if (phases.isEmpty()) {
			throw new IllegalArgumentException("A scenario needs at least one phase");
		}
		phases = List.copyOf(phases);
	}

	/**
	 * Parse a comma-separated list of phases, each {@code <clients>x<hold ms>}, a client
	 * count alone (no hold) or {@code idle}, optionally followed by {@code :<seconds>}.
	 * @param spec the phases
	 * @param seconds the length of a phase that does not give its own
	 * @return the scenario
	 */
	static Scenario parse(String spec, int seconds) {
		List<Phase> phases = new ArrayList<>();
		for (String part : spec.split(",")) {
			String entry = part.strip();
			if (entry.isEmpty()) {
				continue;
			}
			String[] timed = entry.split(":", 2);
			int length = (timed.length > 1) ? Integer.parseInt(timed[1].strip()) : seconds;
			String load = timed[0].strip();
			if (load.equals("idle")) {
				phases.add(new Phase(0, 0, length));
				continue;
			}
			String[] pair = load.split("x", 2);
			phases.add(new Phase(Integer.parseInt(pair[0].strip()),
					(pair.length > 1) ? Double.parseDouble(pair[1].strip()) : 0, length));
		}
		return new Scenario(phases);
	}

	int seconds() {
		return this.phases.stream().mapToInt(Phase::seconds).sum();
	}

	/**
	 * Return when a phase starts.
	 * @param phase the phase's index
	 * @return the seconds from the scenario's start
	 */
	int start(int phase) {
		return this.phases.subList(0, phase).stream().mapToInt(Phase::seconds).sum();
	}

	/**
	 * Return the phase a moment of the scenario falls in; a moment on a boundary belongs
	 * to the phase that starts there.
	 * @param seconds the seconds from the scenario's start
	 * @return the phase's index, the last phase's at or after the end
	 */
	int phaseAt(double seconds) {
		int end = 0;
		for (int i = 0; i < this.phases.size(); i++) {
			end += this.phases.get(i).seconds();
			if (seconds < end) {
				return i;
			}
		}
		return this.phases.size() - 1;
	}

	int maxClients() {
		return this.phases.stream().mapToInt(Phase::clients).max().orElse(0);
	}

	Scenario inRegime(Regime regime, double waitBoundHoldMillis) {
		return (regime == Regime.WAIT_BOUND)
				? new Scenario(this.phases.stream().map((phase) -> phase.holdingAtLeast(waitBoundHoldMillis)).toList())
				: this;
	}

	String describe() {
		return this.phases.stream()
			.map((phase) -> phase.label() + " for " + phase.seconds() + " s")
			.collect(Collectors.joining("; "));
	}

}
