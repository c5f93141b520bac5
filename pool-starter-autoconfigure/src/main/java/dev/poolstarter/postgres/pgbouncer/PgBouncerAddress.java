package dev.poolstarter.postgres.pgbouncer;

import org.jspecify.annotations.Nullable;

/**
 * Where PgBouncer's admin console (its {@code pgbouncer} database) answers, and as whom
 * to log in. {@link #toString()} never shows the password.
 *
 * @param host the host
 * @param port the port
 * @param user the admin or stats user, or {@code null} for the operating system user
 * @param password the password, or {@code null}
 * @param displayUrl the URL without its password, for logs and details
 * @author pool-starter
 * @since 0.1.0
 */
public record PgBouncerAddress(String host, int port, @Nullable String user, @Nullable String password,
		String displayUrl) {

	@Override
	public String toString() {
		return this.displayUrl;
	}

}
