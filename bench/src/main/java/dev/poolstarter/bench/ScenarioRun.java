package dev.poolstarter.bench;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One pool through one whole shifting scenario, in one round: the figures of each phase
 * and of the whole, the transactions that ended in each second, and the pool's size every
 * {@link PoolSizeSampler#INTERVAL}.
 *
 * @param config the configuration's label
 * @param phases one per phase of the scenario
 * @param total the whole scenario
 * @param perSecond transactions that ended in each second from the scenario's start
 * @param sizes the pool's MXBean readings
 * @param note what went wrong, or {@code null}
 */
record ScenarioRun(String config, List<PhaseStats> phases, PhaseStats total, long[] perSecond, List<SizeSample> sizes,
		@Nullable String note) {

	static ScenarioRun failed(String config, Scenario scenario, String note) {
		return new ScenarioRun(config, scenario.phases().stream().map((phase) -> PhaseStats.NONE).toList(),
				PhaseStats.NONE, new long[scenario.seconds()], List.of(), note);
	}

	boolean started() {
		return this.note == null || this.total.transactions() > 0;
	}

	/**
	 * Return the maximum pool size over part of the scenario.
	 * @param from the first second
	 * @param to the end, exclusive
	 * @return the smallest and the largest maximum size sampled there, and the last
	 */
	SizeRange sizes(double from, double to) {
		List<SizeSample> inside = this.sizes.stream()
			.filter((sample) -> sample.seconds() >= from && sample.seconds() < to)
			.toList();
		if (inside.isEmpty()) {
			return new SizeRange(0, 0, 0);
		}
		return new SizeRange(inside.stream().mapToInt(SizeSample::maximum).min().getAsInt(),
				inside.stream().mapToInt(SizeSample::maximum).max().getAsInt(), inside.get(inside.size() - 1).maximum());
	}

	/**
	 * The maximum pool size over part of a scenario.
	 *
	 * @param min the smallest
	 * @param max the largest
	 * @param last the last sampled
	 */
	record SizeRange(int min, int max, int last) {
	}

}
