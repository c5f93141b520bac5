package dev.poolstarter.redis;

/**
 * How the client reaches Redis.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public enum RedisMode {

	/**
	 * One server.
	 */
	STANDALONE,

	/**
	 * A primary and its replicas, found through Sentinel.
	 */
	SENTINEL,

	/**
	 * A Redis Cluster.
	 */
	CLUSTER

}
