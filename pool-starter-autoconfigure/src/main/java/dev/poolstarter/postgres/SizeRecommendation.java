package dev.poolstarter.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.poolstarter.postgres.pool.PoolUsage;

/**
 * A pool size from the observed load, by Little's law: connections in use on average =
 * borrows per second x mean time held; sized so that this mean stays at the target
 * utilization, and never below HikariCP's pool-locking minimum.
 *
 * @param targetUtilization share of the pool the mean load should use
 * @author pool-starter
 * @since 0.1.0
 */
public record SizeRecommendation(double targetUtilization) {

	/**
	 * Recommend a size for a pool from its usage.
	 * @param plan the pool's plan
	 * @param usage what the pool observed
	 * @return the recommendation and the figures behind it
	 */
	public Map<String, Object> recommend(PostgresPoolPlan plan, PoolUsage.Snapshot usage) {
		int lockingMinimum = plan.lockingMinimum();
		double inUse = usage.connectionsInUse();
		int forLoad = (int) Math.ceil(inUse / this.targetUtilization);
		int recommended = Math.max(Math.max(forLoad, lockingMinimum), 1);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("observedSeconds", usage.elapsed().toSeconds());
		figures.put("borrows", usage.releases());
		figures.put("borrowsPerSecond", round(usage.borrowsPerSecond()));
		figures.put("meanHeldMillis", round(usage.meanHeldMillis()));
		figures.put("connectionsInUse", round(inUse));
		figures.put("targetUtilization", this.targetUtilization);
		figures.put("poolLockingMinimum", lockingMinimum);
		figures.put("timeouts", usage.timeouts());
		figures.put("longBorrows", usage.longBorrows());
		figures.put("currentMaxConnections", plan.maxConnections());
		figures.put("recommendedMaxConnections", recommended);
		figures.put("fitsBudget", plan.budget().fits(recommended));
		figures.put("explanation", explanation(usage, inUse, recommended, lockingMinimum));
		return figures;
	}

	private String explanation(PoolUsage.Snapshot usage, double inUse, int recommended, int lockingMinimum) {
		if (usage.releases() == 0) {
			return "No borrows observed yet; the recommendation is the pool-locking minimum.";
		}
		return "Little's law: " + round(usage.borrowsPerSecond()) + " borrows/s x " + round(usage.meanHeldMillis())
				+ " ms held = " + round(inUse) + " connections in use on average; / " + this.targetUtilization
				+ " target utilization = " + recommended + (recommended == lockingMinimum && lockingMinimum > 1
						? " (the pool-locking minimum)" : "")
				+ ". Averages since start-up: size for peaks with the acquire-time and pending metrics.";
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
