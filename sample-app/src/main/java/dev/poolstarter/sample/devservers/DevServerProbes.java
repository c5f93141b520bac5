package dev.poolstarter.sample.devservers;

/**
 * The two questions the sample asks the machine before it starts anything.
 *
 * @author pool-starter
 */
interface DevServerProbes {

	/**
	 * Whether a server accepts TCP connections on the port of 127.0.0.1.
	 * @param port the port
	 * @return whether something answers
	 */
	boolean answers(int port);

	/**
	 * Whether a Docker engine answers, so that Docker Compose can start containers.
	 * @return whether {@code docker info} succeeds
	 */
	boolean dockerRuns();

}
