package dev.poolstarter.autoconfigure.jdbc;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PoolSettingsException}.
 *
 * @author pool-starter
 */
class PoolSettingsFailureAnalyzer extends AbstractFailureAnalyzer<PoolSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolSettingsException cause) {
		return new FailureAnalysis("The PostgreSQL pool '" + cause.getPoolName() + "' cannot start: "
				+ cause.getProblem(), cause.getAction(), cause);
	}

}
