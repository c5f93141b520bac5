package dev.poolstarter.redis;

import java.time.Duration;
import java.util.List;

import dev.poolstarter.settings.Setting;

/**
 * The layered Redis client settings, in the order of the start-up table.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class RedisSetting {

	public static final Setting<RedisSettings, String> URL = Setting.of("url",
			RedisSettings::getUrl);

	public static final Setting<RedisSettings, String> HOST = Setting.of("host",
			RedisSettings::getHost);

	public static final Setting<RedisSettings, Integer> PORT = Setting.of("port",
			RedisSettings::getPort);

	public static final Setting<RedisSettings, String> USERNAME = Setting.of("username",
			RedisSettings::getUsername);

	public static final Setting<RedisSettings, String> PASSWORD = Setting.of("password",
			RedisSettings::getPassword);

	public static final Setting<RedisSettings, Integer> DATABASE = Setting.of("database",
			RedisSettings::getDatabase);

	public static final Setting<RedisSettings, Boolean> SSL = Setting.of("ssl",
			RedisSettings::getSsl);

	public static final Setting<RedisSettings, String> SENTINEL_MASTER = Setting.of("sentinel-master",
			RedisSettings::getSentinelMaster);

	public static final Setting<RedisSettings, List<String>> SENTINEL_NODES = Setting.of("sentinel-nodes",
			RedisSettings::getSentinelNodes);

	public static final Setting<RedisSettings, List<String>> CLUSTER_NODES = Setting.of("cluster-nodes",
			RedisSettings::getClusterNodes);

	public static final Setting<RedisSettings, Integer> CLUSTER_MAX_REDIRECTS = Setting.of("cluster-max-redirects",
			RedisSettings::getClusterMaxRedirects);

	public static final Setting<RedisSettings, Duration> CLUSTER_REFRESH_PERIOD = Setting.of("cluster-refresh-period",
			RedisSettings::getClusterRefreshPeriod);

	public static final Setting<RedisSettings, Duration> COMMAND_TIMEOUT = Setting.of("command-timeout",
			RedisSettings::getCommandTimeout);

	public static final Setting<RedisSettings, Duration> CONNECT_TIMEOUT = Setting.of("connect-timeout",
			RedisSettings::getConnectTimeout);

	public static final Setting<RedisSettings, Duration> SHUTDOWN_TIMEOUT = Setting.of("shutdown-timeout",
			RedisSettings::getShutdownTimeout);

	public static final Setting<RedisSettings, String> CLIENT_NAME = Setting.of("client-name",
			RedisSettings::getClientName);

	public static final Setting<RedisSettings, Boolean> REJECT_WHEN_DISCONNECTED = Setting.of("reject-when-disconnected",
			RedisSettings::getRejectWhenDisconnected);

	public static final Setting<RedisSettings, Integer> REQUEST_QUEUE_SIZE = Setting.of("request-queue-size",
			RedisSettings::getRequestQueueSize);

	public static final Setting<RedisSettings, Boolean> AUTO_RECONNECT = Setting.of("auto-reconnect",
			RedisSettings::getAutoReconnect);

	public static final Setting<RedisSettings, Duration> RECONNECT_DELAY = Setting.of("reconnect-delay",
			RedisSettings::getReconnectDelay);

	public static final Setting<RedisSettings, Duration> RECONNECT_DELAY_MAX = Setting.of("reconnect-delay-max",
			RedisSettings::getReconnectDelayMax);

	public static final Setting<RedisSettings, Boolean> RECONNECT_ON_READONLY = Setting.of("reconnect-on-readonly",
			RedisSettings::getReconnectOnReadonly);

	public static final Setting<RedisSettings, Duration> KEEPALIVE_IDLE = Setting.of("keepalive-idle",
			RedisSettings::getKeepaliveIdle);

	public static final Setting<RedisSettings, Duration> KEEPALIVE_INTERVAL = Setting.of("keepalive-interval",
			RedisSettings::getKeepaliveInterval);

	public static final Setting<RedisSettings, Integer> KEEPALIVE_COUNT = Setting.of("keepalive-count",
			RedisSettings::getKeepaliveCount);

	public static final Setting<RedisSettings, Boolean> POOL_ENABLED = Setting.of("pool-enabled",
			RedisSettings::getPoolEnabled);

	public static final Setting<RedisSettings, Integer> POOL_MAX_ACTIVE = Setting.of("pool-max-active",
			RedisSettings::getPoolMaxActive);

	public static final Setting<RedisSettings, Integer> POOL_MIN_IDLE = Setting.of("pool-min-idle",
			RedisSettings::getPoolMinIdle);

	public static final Setting<RedisSettings, Duration> POOL_MAX_WAIT = Setting.of("pool-max-wait",
			RedisSettings::getPoolMaxWait);

	/**
	 * Every setting, in report order.
	 */
	public static final List<Setting<RedisSettings, ?>> ALL = List.of(URL, HOST, PORT, USERNAME, PASSWORD, DATABASE, SSL, SENTINEL_MASTER, SENTINEL_NODES, CLUSTER_NODES, CLUSTER_MAX_REDIRECTS, CLUSTER_REFRESH_PERIOD, COMMAND_TIMEOUT, CONNECT_TIMEOUT, SHUTDOWN_TIMEOUT, CLIENT_NAME, REJECT_WHEN_DISCONNECTED, REQUEST_QUEUE_SIZE, AUTO_RECONNECT, RECONNECT_DELAY, RECONNECT_DELAY_MAX, RECONNECT_ON_READONLY, KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT, POOL_ENABLED, POOL_MAX_ACTIVE, POOL_MIN_IDLE, POOL_MAX_WAIT);

	private RedisSetting() {
	}

}
