package dev.poolstarter.autoconfigure.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link RedisSettingsException}.
 *
 * @author pool-starter
 */
class RedisSettingsFailureAnalyzer extends AbstractFailureAnalyzer<RedisSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisSettingsException cause) {
		return new FailureAnalysis("The Redis client cannot start: " + cause.getProblem(), cause.getAction(), cause);
	}

}
