package dev.poolstarter.autoconfigure.profile;

import java.time.Duration;
import java.util.List;

/**
 * The layered Redis client settings, in the order of the start-up table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class RedisSetting {

	public static final ClientSetting<RedisSettings, String> URL = new ClientSetting<>("url",
			RedisSettings::getUrl);

	public static final ClientSetting<RedisSettings, String> HOST = new ClientSetting<>("host",
			RedisSettings::getHost);

	public static final ClientSetting<RedisSettings, Integer> PORT = new ClientSetting<>("port",
			RedisSettings::getPort);

	public static final ClientSetting<RedisSettings, String> USERNAME = new ClientSetting<>("username",
			RedisSettings::getUsername);

	public static final ClientSetting<RedisSettings, String> PASSWORD = new ClientSetting<>("password",
			RedisSettings::getPassword);

	public static final ClientSetting<RedisSettings, Integer> DATABASE = new ClientSetting<>("database",
			RedisSettings::getDatabase);

	public static final ClientSetting<RedisSettings, Boolean> SSL = new ClientSetting<>("ssl",
			RedisSettings::getSsl);

	public static final ClientSetting<RedisSettings, String> SENTINEL_MASTER = new ClientSetting<>("sentinel-master",
			RedisSettings::getSentinelMaster);

	public static final ClientSetting<RedisSettings, List<String>> SENTINEL_NODES = new ClientSetting<>("sentinel-nodes",
			RedisSettings::getSentinelNodes);

	public static final ClientSetting<RedisSettings, List<String>> CLUSTER_NODES = new ClientSetting<>("cluster-nodes",
			RedisSettings::getClusterNodes);

	public static final ClientSetting<RedisSettings, Integer> CLUSTER_MAX_REDIRECTS = new ClientSetting<>("cluster-max-redirects",
			RedisSettings::getClusterMaxRedirects);

	public static final ClientSetting<RedisSettings, Duration> CLUSTER_REFRESH_PERIOD = new ClientSetting<>("cluster-refresh-period",
			RedisSettings::getClusterRefreshPeriod);

	public static final ClientSetting<RedisSettings, Duration> COMMAND_TIMEOUT = new ClientSetting<>("command-timeout",
			RedisSettings::getCommandTimeout);

	public static final ClientSetting<RedisSettings, Duration> CONNECT_TIMEOUT = new ClientSetting<>("connect-timeout",
			RedisSettings::getConnectTimeout);

	public static final ClientSetting<RedisSettings, Duration> SHUTDOWN_TIMEOUT = new ClientSetting<>("shutdown-timeout",
			RedisSettings::getShutdownTimeout);

	public static final ClientSetting<RedisSettings, String> CLIENT_NAME = new ClientSetting<>("client-name",
			RedisSettings::getClientName);

	public static final ClientSetting<RedisSettings, Boolean> REJECT_WHEN_DISCONNECTED = new ClientSetting<>("reject-when-disconnected",
			RedisSettings::getRejectWhenDisconnected);

	public static final ClientSetting<RedisSettings, Integer> REQUEST_QUEUE_SIZE = new ClientSetting<>("request-queue-size",
			RedisSettings::getRequestQueueSize);

	public static final ClientSetting<RedisSettings, Boolean> AUTO_RECONNECT = new ClientSetting<>("auto-reconnect",
			RedisSettings::getAutoReconnect);

	public static final ClientSetting<RedisSettings, Duration> RECONNECT_DELAY = new ClientSetting<>("reconnect-delay",
			RedisSettings::getReconnectDelay);

	public static final ClientSetting<RedisSettings, Duration> RECONNECT_DELAY_MAX = new ClientSetting<>("reconnect-delay-max",
			RedisSettings::getReconnectDelayMax);

	public static final ClientSetting<RedisSettings, Boolean> RECONNECT_ON_READONLY = new ClientSetting<>("reconnect-on-readonly",
			RedisSettings::getReconnectOnReadonly);

	public static final ClientSetting<RedisSettings, Duration> KEEPALIVE_IDLE = new ClientSetting<>("keepalive-idle",
			RedisSettings::getKeepaliveIdle);

	public static final ClientSetting<RedisSettings, Duration> KEEPALIVE_INTERVAL = new ClientSetting<>("keepalive-interval",
			RedisSettings::getKeepaliveInterval);

	public static final ClientSetting<RedisSettings, Integer> KEEPALIVE_COUNT = new ClientSetting<>("keepalive-count",
			RedisSettings::getKeepaliveCount);

	public static final ClientSetting<RedisSettings, Boolean> POOL_ENABLED = new ClientSetting<>("pool-enabled",
			RedisSettings::getPoolEnabled);

	public static final ClientSetting<RedisSettings, Integer> POOL_MAX_ACTIVE = new ClientSetting<>("pool-max-active",
			RedisSettings::getPoolMaxActive);

	public static final ClientSetting<RedisSettings, Integer> POOL_MIN_IDLE = new ClientSetting<>("pool-min-idle",
			RedisSettings::getPoolMinIdle);

	public static final ClientSetting<RedisSettings, Duration> POOL_MAX_WAIT = new ClientSetting<>("pool-max-wait",
			RedisSettings::getPoolMaxWait);

	/**
	 * Every setting, in report order.
	 */
	public static final List<ClientSetting<RedisSettings, ?>> ALL = List.of(URL, HOST, PORT, USERNAME, PASSWORD, DATABASE, SSL, SENTINEL_MASTER, SENTINEL_NODES, CLUSTER_NODES, CLUSTER_MAX_REDIRECTS, CLUSTER_REFRESH_PERIOD, COMMAND_TIMEOUT, CONNECT_TIMEOUT, SHUTDOWN_TIMEOUT, CLIENT_NAME, REJECT_WHEN_DISCONNECTED, REQUEST_QUEUE_SIZE, AUTO_RECONNECT, RECONNECT_DELAY, RECONNECT_DELAY_MAX, RECONNECT_ON_READONLY, KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT, POOL_ENABLED, POOL_MAX_ACTIVE, POOL_MIN_IDLE, POOL_MAX_WAIT);

	private RedisSetting() {
	}

}
