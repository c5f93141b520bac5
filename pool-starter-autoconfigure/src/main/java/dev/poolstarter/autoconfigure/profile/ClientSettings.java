package dev.poolstarter.autoconfigure.profile;

/**
 * Settings of one layer below the explicit one: a per-service entry or a profile table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ClientSettings {

	/**
	 * PostgreSQL pool settings of this layer.
	 */
	private final PostgresPoolSettings postgres = new PostgresPoolSettings();

	public PostgresPoolSettings getPostgres() {
		return this.postgres;
	}

}
