package dev.poolstarter.test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@Test
	void frozenServerAcceptsConnectionsButAnswersOnlyOnceThawed() throws Exception {
		try (TestRedis.PrivateRedis redis = TestRedis.startPrivate(); Socket socket = new Socket()) {
			redis.freeze();
			socket.connect(new InetSocketAddress("127.0.0.1", redis.port()), 1000);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(in::read);
			redis.thaw();
			socket.setSoTimeout(10000);
			assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
		}
	}

}
