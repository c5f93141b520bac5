package dev.poolstarter.bench;

import java.util.Locale;

/**
 * One phase of a shifting workload: how many clients run the transaction, how long each
 * transaction holds its connection in {@code pg_sleep}, and for how many seconds.
 *
 * @param clients the concurrent clients, 0 for an idle phase
 * @param holdMillis the server-side wait per transaction, in milliseconds
 * @param seconds the phase's length
 */
record Phase(int clients, double holdMillis, int seconds) {

	Phase {
		if (clients < 0 || holdMillis < 0 || seconds < 1) {
			throw new IllegalArgumentException("A phase needs clients >= 0, a hold >= 0 ms and at least 1 s, not "
					+ clients + " clients, " + holdMillis + " ms, " + seconds + " s");
		}
	}

	boolean idle() {
		return this.clients == 0;
	}

	/**
	 * Return this phase with its hold raised to at least the given one; an idle phase
	 * stays idle.
	 * @param holdMillis the smallest hold
	 * @return the phase
	 */
	Phase holdingAtLeast(double holdMillis) {
		return idle() ? this : new Phase(this.clients, Math.max(this.holdMillis, holdMillis), this.seconds);
	}

	String label() {
		return idle() ? "idle" : String.format(Locale.ROOT, "%d clients, %s ms", this.clients,
				Report.num(this.holdMillis, (this.holdMillis == Math.rint(this.holdMillis)) ? 0 : 1));
	}

}
