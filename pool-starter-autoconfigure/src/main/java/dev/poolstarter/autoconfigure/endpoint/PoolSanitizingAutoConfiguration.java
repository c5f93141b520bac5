package dev.poolstarter.autoconfigure.endpoint;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link DatabaseCredentialsSanitizingFunction} that the
 * actuator's {@code env} and {@code configprops} endpoints apply.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class PoolSanitizingAutoConfiguration {

	PoolSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseCredentialsSanitizingFunction databaseCredentialsSanitizingFunction() {
		return new DatabaseCredentialsSanitizingFunction();
	}

}
