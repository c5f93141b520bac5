package dev.poolstarter.postgres;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.FleetBudget;

/**
 * The sizing formula as its authors meant it: {@code database cores x 2 + effective
 * spindles} is how many connections the database server should be working on across all
 * its clients, so each instance takes its share, never below HikariCP's pool-locking
 * minimum and never above its share of the fleet budget.
 *
 * @param databaseCores the database server's cores
 * @param coresOrigin where the core count came from
 * @param spindles the effective spindles
 * @param instances the instances sharing the server
 * @param connectionsPerTask most connections one task holds at once
 * @param taskThreads threads that may each hold several connections
 * @param cap upper bound of the result, or {@code null}
 * @author pool-starter
 * @since 0.1.0
 */
record PoolSizing(int databaseCores, String coresOrigin, int spindles, int instances, int connectionsPerTask,
		int taskThreads, @Nullable Integer cap) {

	/**
	 * Return the fleet's target: connections the server should be working on.
	 * @return {@code cores x 2 + spindles}
	 */
	public int fleetTarget() {
		return this.databaseCores * 2 + this.spindles;
	}

	/**
	 * Return this instance's share of the fleet's target.
	 * @return {@code ceil(target / instances)}
	 */
	public int share() {
		return (fleetTarget() + this.instances - 1) / this.instances;
	}

	/**
	 * Return HikariCP's pool-locking minimum, {@code threads x (connections per task - 1)
	 * + 1}, or 1 when each task holds one connection.
	 * @return the minimum pool size that cannot deadlock
	 */
	public int lockingMinimum() {
		return (this.connectionsPerTask > 1) ? this.taskThreads * (this.connectionsPerTask - 1) + 1 : 1;
	}

	/**
	 * Return the pool size within the given budget.
	 * @param budget the fleet budget
	 * @return the size and how it was found
	 */
	public Result size(FleetBudget budget) {
		int size = Math.max(share(), lockingMinimum());
		StringBuilder why = new StringBuilder("formula: ").append(this.databaseCores)
			.append(" database cores (")
			.append(this.coresOrigin)
			.append(") x 2 + ")
			.append(this.spindles)
			.append(" spindles = ")
			.append(fleetTarget())
			.append(", / ")
			.append(this.instances)
			.append(" instance(s) = ")
			.append(share());
		if (lockingMinimum() > share()) {
			why.append(", raised to the pool-locking minimum ").append(lockingMinimum());
		}
		if (this.cap != null && size > this.cap) {
			size = this.cap;
			why.append(", capped at ").append(this.cap);
		}
		if (size > budget.largestPoolSize()) {
			size = Math.max(1, budget.largestPoolSize());
			why.append(", lowered to the budget share ").append(size);
		}
		return new Result(size, why.toString());
	}

	/**
	 * A pool size and how it was found.
	 *
	 * @param size the pool size
	 * @param explanation the arithmetic
	 */
	record Result(int size, String explanation) {
	}

}
