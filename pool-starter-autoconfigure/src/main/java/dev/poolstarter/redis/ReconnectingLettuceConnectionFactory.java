package dev.poolstarter.redis;

import io.lettuce.core.AbstractRedisClient;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

/**
 * A {@link LettuceConnectionFactory} whose client drops its connections on READONLY
 * replies, so that writes reach the new primary after a failover.
 *
 * @author pool-starter
 */
public class ReconnectingLettuceConnectionFactory extends LettuceConnectionFactory {

	private final @Nullable ReadOnlyReconnectListener readOnlyListener;

	ReconnectingLettuceConnectionFactory(RedisConfiguration configuration, LettuceClientConfiguration clientConfiguration,
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

	/**
	 * Return how many times READONLY replies made the starter's client reconnect.
	 * @param connectionFactory the application's connection factory, or {@code null}
	 * @return the count, 0 when the factory is not the starter's
	 */
	public static long readOnlyReconnects(@Nullable RedisConnectionFactory connectionFactory) {
		return (connectionFactory instanceof ReconnectingLettuceConnectionFactory factory)
				? factory.readOnlyReconnects() : 0;
	}

}
