package dev.poolstarter.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TestRedis}.
 */
class TestRedisTests {

	@Test
	void sharedServerAnswersPing() {
		TestRedis.Server server = TestRedis.get();
		assertThat(TestRedis.pings(server.host(), server.port())).isTrue();
	}

	@Test
	void privateEmbeddedServerStopsAndStartsAgainOnTheSamePort() {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate()) {
			assertThat(TestRedis.command("127.0.0.1", redis.port(), "SET", "k", "v")).isEqualTo("+OK");
			redis.stop();
			assertThat(TestRedis.pings("127.0.0.1", redis.port())).isFalse();
			redis.start();
			assertThat(TestRedis.pings("127.0.0.1", redis.port())).isTrue();
		}
	}

}
