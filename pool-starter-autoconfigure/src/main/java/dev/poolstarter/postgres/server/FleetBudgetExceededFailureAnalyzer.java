package dev.poolstarter.postgres.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link FleetBudgetExceededException}.
 *
 * @author pool-starter
 */
class FleetBudgetExceededFailureAnalyzer extends AbstractFailureAnalyzer<FleetBudgetExceededException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, FleetBudgetExceededException cause) {
		FleetBudget budget = cause.getBudget();
		String description = "The fleet would open more PostgreSQL connections than the server can spare: "
				+ budget.describe(cause.getPoolSize()) + ". The pool size " + cause.getPoolSize() + " comes from "
				+ cause.getPoolSizeOrigin() + ". Past the budget, instances fail with 'sorry, too many clients "
				+ "already' as they scale out.";
		int fits = budget.largestPoolSize();
		String action;
		if (cause.isLockingMinimum()) {
			action = "Tasks that hold pool.postgres.connections-per-task connections at once need at least "
					+ cause.getPoolSize() + " connections per instance. Lower pool.postgres.task-threads or "
					+ "connections-per-task, lower pool.instances, or raise max_connections on the server.";
		}
		else if (fits >= 1) {
			action = "Set pool.postgres.max-connections to at most " + fits
					+ ", lower pool.instances, or raise max_connections on the server. "
					+ "To start anyway, set pool.postgres.budget-check=warn.";
		}
		else {
			action = "Not even one connection per instance fits: lower pool.instances to at most "
					+ budget.fleetConnections() + ", or raise max_connections on the server. "
					+ "To start anyway, set pool.postgres.budget-check=warn.";
		}
		return new FailureAnalysis(description, action, cause);
	}

}
