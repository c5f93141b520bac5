package dev.poolstarter.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link SettingsException}.
 *
 * @author pool-starter
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
		return new FailureAnalysis("The " + cause.getClient() + " cannot start: " + cause.getProblem(),
				cause.getAction(), cause);
	}

}
