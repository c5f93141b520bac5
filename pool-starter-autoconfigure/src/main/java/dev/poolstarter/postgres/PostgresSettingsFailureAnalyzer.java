package dev.poolstarter.postgres;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PostgresSettingsException}.
 *
 * @author pool-starter
 */
class PostgresSettingsFailureAnalyzer extends AbstractFailureAnalyzer<PostgresSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PostgresSettingsException cause) {
		return new FailureAnalysis("The PostgreSQL pool '" + cause.getPoolName() + "' cannot start: "
				+ cause.getProblem(), cause.getAction(), cause);
	}

}
