package dev.poolstarter.bench;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One round of the fleet scenario: several instances of one service, each with the
 * starter's pool in a Spring context of its own, starting one after the other against
 * the one server, and what was sampled while they ran.
 *
 * @param budget the fleet budget in connections, {@code budget x (max_connections -
 * reserved)}, rounded down as the starter does
 * @param seconds how long the round ran, from the first instance's start
 * @param instances the instances, in start order
 * @param samples the readings, every {@link PoolSizeSampler#INTERVAL}
 */
record FleetRound(int budget, double seconds, List<Instance> instances, List<FleetSample> samples) {

	int largestTotal() {
		return this.samples.stream().mapToInt(FleetSample::fleetConnections).max().orElse(0);
	}

	int largestPoolTotal() {
		return this.samples.stream().mapToInt(FleetSample::poolConnections).max().orElse(0);
	}

	/**
	 * Return how many samples found the fleet above its budget.
	 * @return the samples over budget
	 */
	long samplesOverBudget() {
		return this.samples.stream().filter((sample) -> sample.fleetConnections() > this.budget).count();
	}

	boolean withinBudget() {
		return !this.samples.isEmpty() && samplesOverBudget() == 0;
	}

	/**
	 * Return whether an instance's pool size settled: no change of its maximum size over
	 * the last {@code settle} seconds of the round, with the pool running throughout.
	 * @param instance the instance's index
	 * @param settle the seconds without a change that count as settled
	 * @return the instance's convergence
	 */
	Convergence convergence(int instance, double settle) {
		List<FleetSample> running = this.samples.stream()
			.filter((sample) -> sample.maximums().get(instance) > 0)
			.toList();
		if (running.isEmpty()) {
			return new Convergence(0, Double.NaN, false);
		}
		double lastChange = running.get(0).seconds();
		for (int i = 1; i < running.size(); i++) {
			if (!running.get(i).maximums().get(instance).equals(running.get(i - 1).maximums().get(instance))) {
				lastChange = running.get(i).seconds();
			}
		}
		double end = running.get(running.size() - 1).seconds();
		boolean settled = running.get(0).seconds() <= end - settle && lastChange <= end - settle;
		return new Convergence(running.get(running.size() - 1).maximums().get(instance), lastChange, settled);
	}

	/**
	 * One instance of the fleet.
	 *
	 * @param id its {@code pool.instance-id}
	 * @param startAt when it was asked to start, from the fleet's start
	 * @param startedAt when its pool was up, {@code NaN} when it did not start
	 * @param tps its clients' throughput from its start to the round's end
	 * @param note what went wrong, or {@code null}
	 */
	record Instance(String id, double startAt, double startedAt, double tps, @Nullable String note) {
	}

	/**
	 * Whether a pool's size settled by the round's end.
	 *
	 * @param size the last sampled maximum size
	 * @param lastChange when it last changed, from the fleet's start (its first sample
	 * when it never changed)
	 * @param converged whether it did not change over the settling time
	 */
	record Convergence(int size, double lastChange, boolean converged) {
	}

}
