package dev.poolstarter.settings;

import java.util.regex.Pattern;

/**
 * Hides the password in a connection URL, whatever its scheme, keeping the rest readable.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class UrlMasking {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:ssl)?password=)[^&]*");

	private UrlMasking() {
	}

	/**
	 * Return the URL with any password, in its user info or as a parameter, replaced by
	 * {@code ****}.
	 * @param url the URL
	 * @return the masked URL
	 */
	public static String mask(String url) {
		String masked = url;
		int schemeEnd = url.indexOf("://");
		int at = url.lastIndexOf('@');
		if (schemeEnd >= 0 && at > schemeEnd) {
			// over-masks when '@' also appears later in the URL, which is the safe side
			int colon = url.indexOf(':', schemeEnd + 3);
			if (colon >= 0 && colon < at) {
				masked = url.substring(0, colon + 1) + "****" + url.substring(at);
			}
			else if (url.startsWith("redis")) {
				// redis://password@host: Redis reads a user info without ':' as a password
				masked = url.substring(0, schemeEnd + 3) + "****" + url.substring(at);
			}
		}
		return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1****");
	}

}
