package dev.poolstarter.postgres.settings;

import java.util.Locale;

/**
 * PostgreSQL SSL modes, as pgjdbc and libpq name them.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum SslMode {

	/**
	 * Never use SSL.
	 */
	DISABLE,

	/**
	 * Use SSL only when the server insists.
	 */
	ALLOW,

	/**
	 * Use SSL when the server supports it.
	 */
	PREFER,

	/**
	 * Always use SSL, without verifying the server certificate.
	 */
	REQUIRE,

	/**
	 * Always use SSL and verify the server certificate against a trusted CA.
	 */
	VERIFY_CA,

	/**
	 * Always use SSL, verify the certificate and that the host name matches it.
	 */
	VERIFY_FULL;

	/**
	 * Return the value pgjdbc expects, such as {@code verify-full}.
	 * @return the pgjdbc value
	 */
	public String pgjdbcValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
