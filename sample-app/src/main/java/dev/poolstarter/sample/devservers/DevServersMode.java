package dev.poolstarter.sample.devservers;

/**
 * How the sample finds its servers in the dev profile ({@code sample.dev-servers.mode}).
 *
 * @author pool-starter
 */
enum DevServersMode {

	/**
	 * Use what is configured, else a server on the local port, else Docker Compose when
	 * Docker runs, else an embedded server.
	 */
	AUTO,

	/**
	 * Use what is configured, else an embedded server on a free port, never a local
	 * server nor Docker: for tests and for runs that must not touch shared servers.
	 */
	EMBEDDED,

	/**
	 * Use only what is configured.
	 */
	OFF

}
