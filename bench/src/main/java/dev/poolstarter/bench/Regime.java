package dev.poolstarter.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Where the server's throughput knee sits against the shifting scenario's client counts:
 * below them (the phases' own holds, so that the server's CPU and commits bound the
 * throughput), or at or above them (every hold raised to {@code --wait-bound-hold-ms},
 * so that the waits bound it and a larger pool does more).
 */
enum Regime {

	/**
	 * The phases as given: the knee sits below the larger client counts.
	 */
	SERVER_BOUND("server-bound"),

	/**
	 * Every phase holds its connection for at least the wait-bound hold.
	 */
	WAIT_BOUND("wait-bound");

	private final String label;

	Regime(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	static Regime of(String label) {
		return Arrays.stream(values())
			.filter((regime) -> regime.label.equals(label.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown regime '" + label + "': use "
					+ String.join(" or ", Arrays.stream(values()).map(Regime::label).toList())));
	}

	static List<Regime> list(String labels) {
		return Arrays.stream(labels.split(",")).filter((label) -> !label.isBlank()).map(Regime::of).toList();
	}

}
