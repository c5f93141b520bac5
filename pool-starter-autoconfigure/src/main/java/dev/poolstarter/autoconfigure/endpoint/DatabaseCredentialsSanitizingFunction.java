package dev.poolstarter.autoconfigure.endpoint;

import java.util.Locale;
import java.util.Set;

import dev.poolstarter.autoconfigure.profile.UrlMasking;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides database passwords in the {@code env} and {@code configprops} endpoints even when
 * they show values: {@code pool.*} password keys entirely, and the password inside
 * database URLs such as {@code DATABASE_URL}, keeping the rest of the URL readable.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class DatabaseCredentialsSanitizingFunction implements SanitizingFunction {

	private static final Set<String> URL_KEYS = Set.of("database_url", "pool.postgres.url", "spring.datasource.url",
			"url");

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey();
		if (key.endsWith("password") || key.endsWith("jaas.config")) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof CharSequence value && isDatabaseUrl(key, value.toString())) {
			return data.withValue(UrlMasking.mask(value.toString()));
		}
		return data;
	}

	private static boolean isDatabaseUrl(String key, String value) {
		String lowerCaseValue = value.toLowerCase(Locale.ROOT);
		return (URL_KEYS.contains(key) || key.endsWith(".url") || key.endsWith("_url") || key.endsWith("-url")
				|| key.endsWith("adminurl"))
				&& (lowerCaseValue.startsWith("postgres") || lowerCaseValue.startsWith("jdbc:postgresql:")
						|| lowerCaseValue.startsWith("redis"));
	}

}
