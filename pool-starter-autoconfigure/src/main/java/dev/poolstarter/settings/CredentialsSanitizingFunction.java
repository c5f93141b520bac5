package dev.poolstarter.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides database passwords in the {@code env} and {@code configprops} endpoints even when
 * they show values: password keys entirely, and the password inside every PostgreSQL or
 * Redis URL whatever the key that holds it, keeping the rest of the URL readable.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class CredentialsSanitizingFunction implements SanitizingFunction {

	/**
	 * Where a URL that may carry credentials starts: a value may hold several, as a
	 * comma-separated list of replicas does, or start with something else, as a command
	 * line does.
	 */
	private static final Pattern URL_START = Pattern.compile("(?i)jdbc:postgresql:|postgres(?:ql)?://|rediss?://");

	private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[,;\\s]+$");

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey();
		if (key.endsWith("password") || key.endsWith("jaas.config")) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof CharSequence value) {
			String masked = maskUrls(value.toString());
			if (!masked.contentEquals(value)) {
				return data.withValue(masked);
			}
		}
		return data;
	}

	/**
	 * Return the value with the password of each database URL in it masked, the URLs told
	 * apart by where each scheme starts, so that a comma inside a URL (a multi-host URL, a
	 * password) cannot split it.
	 * @param value the value
	 * @return the masked value
	 */
	static String maskUrls(String value) {
		Matcher start = URL_START.matcher(value);
		if (!start.find()) {
			return value;
		}
		StringBuilder masked = new StringBuilder(value.substring(0, start.start()));
		int from = start.start();
		while (start.find()) {
			masked.append(maskOne(value.substring(from, start.start())));
			from = start.start();
		}
		masked.append(maskOne(value.substring(from)));
		return masked.toString();
	}

	private static String maskOne(String segment) {
		Matcher separators = TRAILING_SEPARATORS.matcher(segment);
		int end = separators.find() ? separators.start() : segment.length();
		return UrlMasking.mask(segment.substring(0, end)) + segment.substring(end);
	}

}
