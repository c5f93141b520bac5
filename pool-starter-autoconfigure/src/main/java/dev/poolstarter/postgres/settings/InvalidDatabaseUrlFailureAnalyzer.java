package dev.poolstarter.postgres.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidDatabaseUrlException}.
 *
 * @author pool-starter
 */
class InvalidDatabaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDatabaseUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDatabaseUrlException cause) {
		String description = "The database URL from " + cause.getSource() + " cannot be used:\n\n    "
				+ cause.getMaskedUrl() + "\n\nReason: " + cause.getReason();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
