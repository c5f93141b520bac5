package dev.poolstarter.postgres.settings;

/**
 * How a PgBouncer between the application and PostgreSQL pools server connections.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum PgBouncerMode {

	/**
	 * No PgBouncer, or one that the pool need not know about.
	 */
	OFF,

	/**
	 * Session pooling: a server connection stays with its client until it disconnects.
	 */
	SESSION,

	/**
	 * Transaction pooling: server connections change between transactions, so no
	 * server-side prepared statements and no start-up options.
	 */
	TRANSACTION

}
