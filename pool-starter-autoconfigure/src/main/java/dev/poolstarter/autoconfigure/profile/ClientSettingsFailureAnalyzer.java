package dev.poolstarter.autoconfigure.profile;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ClientSettingsException}.
 *
 * @author pool-starter
 */
class ClientSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ClientSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClientSettingsException cause) {
		return new FailureAnalysis("The " + cause.getClient() + " cannot start: " + cause.getProblem(),
				cause.getAction(), cause);
	}

}
