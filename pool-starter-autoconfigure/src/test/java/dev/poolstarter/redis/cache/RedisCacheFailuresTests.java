package dev.poolstarter.redis.cache;

import java.net.ConnectException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisCacheFailures}.
 */
class RedisCacheFailuresTests {

	@Test
	void connectionFailuresTimeoutsAndAnExhaustedPoolShowRedisUnavailable() {
		assertThat(RedisCacheFailures.isUnavailable(
				new RedisConnectionFailureException("Unable to connect to Redis", new ConnectException("refused"))))
			.isTrue();
		assertThat(RedisCacheFailures.isUnavailable(new QueryTimeoutException("Redis command timed out",
				new RedisCommandTimeoutException("Command timed out after 5 second(s)"))))
			.isTrue();
		assertThat(RedisCacheFailures.isUnavailable(new RedisSystemException("Unknown redis exception",
				new io.lettuce.core.RedisException("Currently not connected. Commands are rejected."))))
			.isTrue();
		assertThat(RedisCacheFailures.isUnavailable(new PoolException("Could not get a resource from the pool")))
			.isTrue();
	}

	@Test
	void errorRepliesOfAServerThatAnsweredAndBadEntriesDoNot() {
		assertThat(RedisCacheFailures.isUnavailable(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value"))))
			.isFalse();
		assertThat(RedisCacheFailures.isUnavailable(new RedisSystemException("Error in execution",
				new io.lettuce.core.RedisNoScriptException("NOSCRIPT No matching script"))))
			.as("a subclass of the server's error reply")
			.isFalse();
		assertThat(RedisCacheFailures.isUnavailable(new SerializationException("Cannot deserialize"))).isFalse();
		assertThat(RedisCacheFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void describesAFailureByItsTypeMessageAndRootCause() {
		assertThat(RedisCacheFailures.describe(new RedisConnectionFailureException("Unable to connect to Redis",
				new IllegalStateException("wrapped", new ConnectException("Connection refused")))))
			.isEqualTo("RedisConnectionFailureException: Unable to connect to Redis; "
					+ "root cause ConnectException: Connection refused");
	}

}
