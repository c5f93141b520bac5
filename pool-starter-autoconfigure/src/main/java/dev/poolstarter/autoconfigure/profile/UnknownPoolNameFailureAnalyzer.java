package dev.poolstarter.autoconfigure.profile;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownPoolNameException}.
 *
 * @author pool-starter
 */
class UnknownPoolNameFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPoolNameException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownPoolNameException cause) {
		String description = "The pool " + cause.getKind() + " '" + cause.getValue() + "' set by "
				+ cause.getProperty() + " does not exist.";
		String action = "Set " + cause.getProperty() + " to one of: " + String.join(", ", cause.getKnownNames())
				+ (cause.getKind().equals("service")
						? ", or add an entry pool.services." + cause.getValue() + ".postgres.*" : "")
				+ ".";
		return new FailureAnalysis(description, action, cause);
	}

}
