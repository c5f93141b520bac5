package dev.poolstarter.redis.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitedCacheErrorHandler}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitedCacheErrorHandlerTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final RateLimitedCacheErrorHandler handler = new RateLimitedCacheErrorHandler(Duration.ofSeconds(10),
			this.now::get);

	private final ConcurrentMapCache cache = new ConcurrentMapCache("listings");

	private final RuntimeException refused = new RedisConnectionFailureException("Unable to connect to Redis",
			new java.net.ConnectException("Connection refused"));

	@Test
	void logsOneWarningPerIntervalWithTheCauseAndCountsTheOthers(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			this.handler.handleCacheGetError(this.refused, this.cache, i);
			this.handler.handleCachePutError(this.refused, this.cache, i, "value");
		}
		assertThat(warnings(output)).containsExactly(
				"Cache get from 'listings' failed, the cache is bypassed: RedisConnectionFailureException: "
						+ "Unable to connect to Redis; root cause ConnectException: Connection refused");
		this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		this.handler.handleCacheEvictError(this.refused, this.cache, 1);
		assertThat(warnings(output)).hasSize(2)
			.last()
			.asString()
			.startsWith("Cache evict from 'listings' failed")
			.endsWith("(and 199 more cache errors since the last report)");
	}

	@Test
	void swallowsTheErrorSoThatTheCallGoesOn() {
		this.handler.handleCacheGetError(this.refused, this.cache, 1);
		this.handler.handleCachePutError(this.refused, this.cache, 1, "value");
		this.handler.handleCacheEvictError(this.refused, this.cache, 1);
		this.handler.handleCacheClearError(this.refused, this.cache);
	}

	@Test
	void neverLogsTheKey(CapturedOutput output) {
		this.handler.handleCacheGetError(this.refused, this.cache, "owner@example.com");
		assertThat(output).contains("Cache get from 'listings' failed").doesNotContain("owner@example.com");
	}

	private static java.util.List<String> warnings(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("RateLimitedCacheErrorHandler"))
			.map((line) -> line.substring(line.indexOf(" - ") + 3))
			.toList();
	}

}
