package dev.poolstarter.redis.cache;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Failures of cache calls to Redis: which ones show Redis unavailable, and how to describe
 * one in a line.
 *
 * @author pool-starter
 */
final class RedisCacheFailures {

	// A server that answered with an error is up. Matched by name, so that neither client
	// needs to be on the class path.
	private static final Set<String> SERVER_REPLIES = Set.of("io.lettuce.core.RedisCommandExecutionException",
			"redis.clients.jedis.exceptions.JedisDataException");

	private RedisCacheFailures() {
	}

	/**
	 * Whether a failure shows Redis unavailable rather than a bad entry or a command the
	 * server refused.
	 */
	static boolean isUnavailable(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SerializationException || isServerReply(candidate.getClass())) {
				return false;
			}
		}
		return ex instanceof DataAccessException || ex instanceof PoolException;
	}

	private static boolean isServerReply(@Nullable Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (SERVER_REPLIES.contains(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Describe a failure in one line: its type and message, and those of its root cause.
	 */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String description = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (root == ex || description.contains(String.valueOf(root.getMessage()))) {
			return description;
		}
		return description + "; root cause " + root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
