package dev.poolstarter.autoconfigure.kafka;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link KafkaSettingsException}.
 *
 * @author pool-starter
 */
class KafkaSettingsFailureAnalyzer extends AbstractFailureAnalyzer<KafkaSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KafkaSettingsException cause) {
		return new FailureAnalysis("The Kafka clients cannot start: " + cause.getProblem(), cause.getAction(), cause);
	}

}
