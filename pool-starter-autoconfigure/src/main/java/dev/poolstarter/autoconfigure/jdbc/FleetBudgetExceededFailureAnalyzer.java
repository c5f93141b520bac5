package dev.poolstarter.autoconfigure.jdbc;

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
		String action = ((fits >= 1) ? "Set pool.postgres.max-connections to at most " + fits
				: "No pool size fits: lower pool.instances")
				+ ", lower pool.instances, raise max_connections on the server, or put PgBouncer in front of it. "
				+ "To start anyway, set pool.postgres.budget-check=warn.";
		return new FailureAnalysis(description, action, cause);
	}

}
