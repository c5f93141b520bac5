package dev.poolstarter.autoconfigure.redis;

import io.lettuce.core.AbstractRedisClient;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

/**
 * A {@link LettuceConnectionFactory} whose client drops its connections on READONLY
 * replies, so that writes reach the new primary after a failover.
 *
 * @author pool-starter
 */
class PoolStarterLettuceConnectionFactory extends LettuceConnectionFactory {

	private final @Nullable ReadOnlyReconnectListener readOnlyListener;

	PoolStarterLettuceConnectionFactory(RedisConfiguration configuration, LettuceClientConfiguration clientConfiguration,
			boolean reconnectOnReadonly) {
		super(configuration, clientConfiguration);
		this.readOnlyListener = reconnectOnReadonly ? new ReadOnlyReconnectListener(this::reconnect) : null;
	}

	/**
	 * Drop the connections that reached the former primary. A pool hands a released
	 * connection back out, so with pooling the client restarts and its pool with it.
	 */
	private void reconnect() {
		if (getClientConfiguration() instanceof LettucePoolingClientConfiguration) {
			stop();
			start();
		}
		else {
			resetConnection();
		}
	}

	@Override
	protected AbstractRedisClient createClient() {
		AbstractRedisClient client = super.createClient();
		if (this.readOnlyListener != null) {
			client.addListener(this.readOnlyListener);
		}
		return client;
	}

	/**
	 * Return how many times a READONLY reply made the client reconnect.
	 * @return the number of reconnects
	 */
	long readOnlyReconnects() {
		return (this.readOnlyListener != null) ? this.readOnlyListener.reconnects() : 0;
	}

}
