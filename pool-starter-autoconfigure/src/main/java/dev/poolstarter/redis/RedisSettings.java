package dev.poolstarter.redis;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the Redis (Lettuce) client that every layer can set: explicit properties
 * ({@code pool.redis}), per-service entries ({@code pool.services.<name>.redis}) and
 * profile tables ({@code pool.profiles.<profile>.redis}). A {@code null} value means "not
 * set in this layer".
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisSettings {

	/**
	 * Redis URL, redis://[user:password@]host:port[/database] or rediss:// for TLS; it
	 * holds the whole address. Defaults to the REDIS_URL environment variable, then to
	 * spring.data.redis.url.
	 */
	private @Nullable String url;

	/**
	 * Host of a standalone server, used when no URL is set. Defaults to REDIS_HOST, then
	 * spring.data.redis.host, then localhost.
	 */
	private @Nullable String host;

	/**
	 * Port of a standalone server, used when no URL is set. Defaults to REDIS_PORT, then
	 * spring.data.redis.port, then 6379.
	 */
	private @Nullable Integer port;

	/**
	 * Login user (Redis 6 ACL). Defaults to the URL's, then spring.data.redis.username.
	 */
	private @Nullable String username;

	/**
	 * Login password, never logged or shown. Defaults to the URL's, then REDIS_PASSWORD,
	 * then spring.data.redis.password.
	 */
	private @Nullable String password;

	/**
	 * Database index of a standalone or Sentinel server. Defaults to the URL's, then
	 * REDIS_DB, then spring.data.redis.database, then 0.
	 */
	private @Nullable Integer database;

	/**
	 * Whether to use TLS; a rediss:// URL turns it on.
	 */
	private @Nullable Boolean ssl;

	/**
	 * Name of the Sentinel master; set it to connect through Sentinel. Defaults to
	 * spring.data.redis.sentinel.master.
	 */
	private @Nullable String sentinelMaster;

	/**
	 * Comma-separated list of Sentinel host:port pairs. Defaults to
	 * spring.data.redis.sentinel.nodes.
	 */
	private @Nullable List<String> sentinelNodes;

	/**
	 * Comma-separated list of Cluster host:port pairs; set it to connect to a Redis
	 * Cluster. Defaults to REDIS_CLUSTER_NODES, then spring.data.redis.cluster.nodes.
	 */
	private @Nullable List<String> clusterNodes;

	/**
	 * Most redirects a Cluster command follows.
	 */
	private @Nullable Integer clusterMaxRedirects;

	/**
	 * How often the Cluster topology is refreshed on a schedule, beside Lettuce's
	 * adaptive refresh; 0 turns it off. Defaults to the profile's value: 30s in
	 * prod-high-traffic, 60s elsewhere.
	 */
	private @Nullable Duration clusterRefreshPeriod;

	/**
	 * Longest time a command may take before it fails. Defaults to the profile's value:
	 * dev 5s, staging 3s, prod 2s, prod-high-traffic 1s, serverless 2s.
	 */
	private @Nullable Duration commandTimeout;

	/**
	 * Longest time to open a connection. Defaults to the profile's value: dev 10s, staging
	 * 5s, prod 3s, prod-high-traffic 2s, serverless 3s.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Longest time the client waits for pending work when it shuts down.
	 */
	private @Nullable Duration shutdownTimeout;

	/**
	 * Name shown by CLIENT LIST. Defaults to the service name and the instance id, as
	 * 'service/instance'.
	 */
	private @Nullable String clientName;

	/**
	 * Whether commands fail at once while the connection is down, rather than wait in the
	 * request queue for the reconnect. Defaults to the profile's value: true in prod,
	 * prod-high-traffic and serverless, false elsewhere.
	 */
	private @Nullable Boolean rejectWhenDisconnected;

	/**
	 * Most commands queued per connection, for instance while reconnecting; Lettuce's own
	 * queue is unbounded. Defaults to the profile's value: dev 1000, staging 10000, prod
	 * 10000, prod-high-traffic 50000, serverless 1000.
	 */
	private @Nullable Integer requestQueueSize;

	/**
	 * Whether the client reconnects after losing its connection.
	 */
	private @Nullable Boolean autoReconnect;

	/**
	 * Shortest wait before a reconnect attempt, and the first: each later wait is drawn
	 * at random between this and three times the connection's previous wait, up to
	 * reconnect-delay-max.
	 */
	private @Nullable Duration reconnectDelay;

	/**
	 * Longest wait between reconnect attempts.
	 */
	private @Nullable Duration reconnectDelayMax;

	/**
	 * Whether a READONLY reply, as sent by a former primary after a failover, drops the
	 * connection so that the next command reconnects to the new primary.
	 */
	private @Nullable Boolean reconnectOnReadonly;

	/**
	 * Idle time before TCP keepalive probes start.
	 */
	private @Nullable Duration keepaliveIdle;

	/**
	 * Time between TCP keepalive probes.
	 */
	private @Nullable Duration keepaliveInterval;

	/**
	 * Unanswered TCP keepalive probes before the connection is dropped.
	 */
	private @Nullable Integer keepaliveCount;

	/**
	 * Whether connections come from a commons-pool2 pool, for blocking commands and
	 * transactions, instead of one shared thread-safe connection. Defaults to Spring Boot's
	 * choice: true when commons-pool2 is on the class path.
	 */
	private @Nullable Boolean poolEnabled;

	/**
	 * Most pooled connections. Defaults to the profile's value: dev 4, staging 8, prod 16,
	 * prod-high-traffic 32, serverless 2.
	 */
	private @Nullable Integer poolMaxActive;

	/**
	 * Idle pooled connections kept open.
	 */
	private @Nullable Integer poolMinIdle;

	/**
	 * Longest wait to borrow a pooled connection. Defaults to the command timeout.
	 */
	private @Nullable Duration poolMaxWait;

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable Integer getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable Integer database) {
		this.database = database;
	}

	public @Nullable Boolean getSsl() {
		return this.ssl;
	}

	public void setSsl(@Nullable Boolean ssl) {
		this.ssl = ssl;
	}

	public @Nullable String getSentinelMaster() {
		return this.sentinelMaster;
	}

	public void setSentinelMaster(@Nullable String sentinelMaster) {
		this.sentinelMaster = sentinelMaster;
	}

	public @Nullable List<String> getSentinelNodes() {
		return this.sentinelNodes;
	}

	public void setSentinelNodes(@Nullable List<String> sentinelNodes) {
		this.sentinelNodes = sentinelNodes;
	}

	public @Nullable List<String> getClusterNodes() {
		return this.clusterNodes;
	}

	public void setClusterNodes(@Nullable List<String> clusterNodes) {
		this.clusterNodes = clusterNodes;
	}

	public @Nullable Integer getClusterMaxRedirects() {
		return this.clusterMaxRedirects;
	}

	public void setClusterMaxRedirects(@Nullable Integer clusterMaxRedirects) {
		this.clusterMaxRedirects = clusterMaxRedirects;
	}

	public @Nullable Duration getClusterRefreshPeriod() {
		return this.clusterRefreshPeriod;
	}

	public void setClusterRefreshPeriod(@Nullable Duration clusterRefreshPeriod) {
		this.clusterRefreshPeriod = clusterRefreshPeriod;
	}

	public @Nullable Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(@Nullable Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public @Nullable String getClientName() {
		return this.clientName;
	}

	public void setClientName(@Nullable String clientName) {
		this.clientName = clientName;
	}

	public @Nullable Boolean getRejectWhenDisconnected() {
		return this.rejectWhenDisconnected;
	}

	public void setRejectWhenDisconnected(@Nullable Boolean rejectWhenDisconnected) {
		this.rejectWhenDisconnected = rejectWhenDisconnected;
	}

	public @Nullable Integer getRequestQueueSize() {
		return this.requestQueueSize;
	}

	public void setRequestQueueSize(@Nullable Integer requestQueueSize) {
		this.requestQueueSize = requestQueueSize;
	}

	public @Nullable Boolean getAutoReconnect() {
		return this.autoReconnect;
	}

	public void setAutoReconnect(@Nullable Boolean autoReconnect) {
		this.autoReconnect = autoReconnect;
	}

	public @Nullable Duration getReconnectDelay() {
		return this.reconnectDelay;
	}

	public void setReconnectDelay(@Nullable Duration reconnectDelay) {
		this.reconnectDelay = reconnectDelay;
	}

	public @Nullable Duration getReconnectDelayMax() {
		return this.reconnectDelayMax;
	}

	public void setReconnectDelayMax(@Nullable Duration reconnectDelayMax) {
		this.reconnectDelayMax = reconnectDelayMax;
	}

	public @Nullable Boolean getReconnectOnReadonly() {
		return this.reconnectOnReadonly;
	}

	public void setReconnectOnReadonly(@Nullable Boolean reconnectOnReadonly) {
		this.reconnectOnReadonly = reconnectOnReadonly;
	}

	public @Nullable Duration getKeepaliveIdle() {
		return this.keepaliveIdle;
	}

	public void setKeepaliveIdle(@Nullable Duration keepaliveIdle) {
		this.keepaliveIdle = keepaliveIdle;
	}

	public @Nullable Duration getKeepaliveInterval() {
		return this.keepaliveInterval;
	}

	public void setKeepaliveInterval(@Nullable Duration keepaliveInterval) {
		this.keepaliveInterval = keepaliveInterval;
	}

	public @Nullable Integer getKeepaliveCount() {
		return this.keepaliveCount;
	}

	public void setKeepaliveCount(@Nullable Integer keepaliveCount) {
		this.keepaliveCount = keepaliveCount;
	}

	public @Nullable Boolean getPoolEnabled() {
		return this.poolEnabled;
	}

	public void setPoolEnabled(@Nullable Boolean poolEnabled) {
		this.poolEnabled = poolEnabled;
	}

	public @Nullable Integer getPoolMaxActive() {
		return this.poolMaxActive;
	}

	public void setPoolMaxActive(@Nullable Integer poolMaxActive) {
		this.poolMaxActive = poolMaxActive;
	}

	public @Nullable Integer getPoolMinIdle() {
		return this.poolMinIdle;
	}

	public void setPoolMinIdle(@Nullable Integer poolMinIdle) {
		this.poolMinIdle = poolMinIdle;
	}

	public @Nullable Duration getPoolMaxWait() {
		return this.poolMaxWait;
	}

	public void setPoolMaxWait(@Nullable Duration poolMaxWait) {
		this.poolMaxWait = poolMaxWait;
	}

}
