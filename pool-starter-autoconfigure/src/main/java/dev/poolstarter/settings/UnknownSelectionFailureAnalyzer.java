package dev.poolstarter.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownSelectionException}.
 *
 * @author pool-starter
 */
class UnknownSelectionFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSelectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownSelectionException cause) {
		String description = "The pool " + cause.getKind() + " '" + cause.getValue() + "' set by "
				+ cause.getProperty() + " does not exist.";
		String action = "Set " + cause.getProperty() + " to one of: " + String.join(", ", cause.getKnownNames())
				+ (cause.getKind().equals("service")
						? ", or add an entry pool.services." + cause.getValue() + ".postgres.*" : "")
				+ ".";
		return new FailureAnalysis(description, action, cause);
	}

}
