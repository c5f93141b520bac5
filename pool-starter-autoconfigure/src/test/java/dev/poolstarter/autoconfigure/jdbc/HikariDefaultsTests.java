package dev.poolstarter.autoconfigure.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the HikariCP defaults that the starter leaves in place and documents (max
 * lifetime, idle timeout, keepalive, validation timeout), so that an upgrade that
 * changes them fails here rather than silently changing the documented behaviour.
 */
class HikariDefaultsTests {

	private final HikariConfig defaults = new HikariConfig();

	@Test
	void maxLifetimeIsThirtyMinutes() {
		assertThat(Duration.ofMillis(this.defaults.getMaxLifetime())).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void idleTimeoutIsTenMinutes() {
		assertThat(Duration.ofMillis(this.defaults.getIdleTimeout())).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void keepaliveIsTwoMinutes() {
		assertThat(Duration.ofMillis(this.defaults.getKeepaliveTime())).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void validationTimeoutIsFiveSeconds() {
		assertThat(Duration.ofMillis(this.defaults.getValidationTimeout())).isEqualTo(Duration.ofSeconds(5));
	}

}
