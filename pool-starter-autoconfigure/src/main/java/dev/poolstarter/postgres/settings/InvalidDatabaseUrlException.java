package dev.poolstarter.postgres.settings;

/**
 * Thrown when a database URL cannot be used; its message never holds the password.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class InvalidDatabaseUrlException extends RuntimeException {

	private final String source;

	private final String maskedUrl;

	private final String reason;

	private final String action;

	/**
	 * Create a new instance.
	 * @param source where the URL came from, such as {@code DATABASE_URL}
	 * @param maskedUrl the URL with its password masked
	 * @param reason what is wrong with it
	 * @param action what to change
	 */
	public InvalidDatabaseUrlException(String source, String maskedUrl, String reason, String action) {
		super("Invalid database URL '" + maskedUrl + "' from " + source + ": " + reason);
		this.source = source;
		this.maskedUrl = maskedUrl;
		this.reason = reason;
		this.action = action;
	}

	public String getSource() {
		return this.source;
	}

	public String getMaskedUrl() {
		return this.maskedUrl;
	}

	public String getReason() {
		return this.reason;
	}

	public String getAction() {
		return this.action;
	}

}
