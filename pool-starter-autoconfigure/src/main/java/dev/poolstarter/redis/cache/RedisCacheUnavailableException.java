package dev.poolstarter.redis.cache;

import java.time.Instant;

import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Thrown by a {@link FailFastRedisCacheWriter} instead of calling Redis while a
 * {@link RedisCacheBreaker} knows Redis to be unavailable; its cause is the failure that
 * opened the breaker. It carries no stack trace: it is thrown for every cache call of an
 * outage.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisCacheUnavailableException extends RedisConnectionFailureException {

	private final Instant since;

	/**
	 * Create an exception.
	 * @param since when Redis became unavailable
	 * @param cause the failure that showed it
	 */
	public RedisCacheUnavailableException(Instant since, Throwable cause) {
		this(message(since, cause), since, cause);
	}

	RedisCacheUnavailableException(String message, Instant since, Throwable cause) {
		super(message, cause);
		this.since = since;
	}

	static String message(Instant since, Throwable cause) {
		return "Redis unavailable to the cache since " + since + " (" + RedisCacheFailures.describe(cause)
				+ "); cache calls skip Redis until a PING answers";
	}

	/**
	 * Return when Redis became unavailable.
	 * @return the instant of the first failure
	 */
	public Instant getSince() {
		return this.since;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
