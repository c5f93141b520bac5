package dev.poolstarter.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.poolstarter.autoconfigure.jdbc.PostgresPoolPlan;
import dev.poolstarter.autoconfigure.profile.PostgresSetting;
import dev.poolstarter.jdbc.PoolUsage;

/**
 * A pool size from the observed load, by Little's law: connections in use on average =
 * borrows per second x mean time held; sized so that this mean stays at the target
 * utilization, and never below HikariCP's pool-locking minimum.
 *
 * @param targetUtilization share of the pool the mean load should use
 * @param taskThreads threads that hold several connections at once, or 0 when unknown
 * @author pool-starter
 * @since 0.1.0
 */
public record PoolRecommendation(double targetUtilization, int taskThreads) {

	Map<String, Object> recommend(PostgresPoolPlan plan, PoolUsage.Snapshot usage) {
		Integer perTask = plan.settings().value(PostgresSetting.CONNECTIONS_PER_TASK);
		int connectionsPerTask = (perTask != null) ? perTask : 1;
		int lockingMinimum = (connectionsPerTask > 1) ? this.taskThreads * (connectionsPerTask - 1) + 1 : 1;
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
