package dev.poolstarter.autoconfigure;

import dev.poolstarter.settings.CredentialsSanitizingFunction;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link CredentialsSanitizingFunction} that the
 * actuator's {@code env} and {@code configprops} endpoints apply.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CredentialsSanitizingAutoConfiguration {

	CredentialsSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialsSanitizingFunction databaseCredentialsSanitizingFunction() {
		return new CredentialsSanitizingFunction();
	}

}
