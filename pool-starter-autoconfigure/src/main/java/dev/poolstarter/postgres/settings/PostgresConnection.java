package dev.poolstarter.postgres.settings;

import org.jspecify.annotations.Nullable;

/**
 * Where the pool connects and as whom.
 *
 * @param url the database URL
 * @param username the login user, or {@code null} for pgjdbc's default
 * @param usernameOrigin where the user came from
 * @param password the password, or {@code null}; never logged or shown
 * @author pool-starter
 * @since 0.1.0
 */
public record PostgresConnection(DatabaseUrl url, @Nullable String username, String usernameOrigin,
		@Nullable String password) {

	@Override
	public String toString() {
		return this.url.displayUrl() + " as " + this.username;
	}

}
