package dev.poolstarter.postgres.pool;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HikariVersionCheck}. One class path holds one HikariCP, so the older
 * versions are given as strings.
 */
class HikariVersionCheckTests {

	@Test
	void warnsWithTheVersionToSetWhenVirtualThreadsMeetAHikariOlderThanTheFix() {
		assertThat(HikariVersionCheck.warning(true, "7.0.2")).startsWith("HikariCP 7.0.2 with virtual threads")
			.contains("spring.threads.virtual.enabled=true")
			.contains("Thread.yield()")
			.contains("<hikaricp.version>7.1.0</hikaricp.version>")
			.contains("ext['hikaricp.version'] = '7.1.0'")
			.doesNotContain("\n");
	}

	@Test
	void warnsForEveryReleaseBeforeTheFix() {
		assertThat(HikariVersionCheck.warning(true, "7.0.0")).isNotNull();
		assertThat(HikariVersionCheck.warning(true, "6.3.3")).isNotNull();
		assertThat(HikariVersionCheck.warning(true, "5.1.0")).isNotNull();
	}

	@Test
	void saysNothingFromTheFixOn() {
		assertThat(HikariVersionCheck.warning(true, "7.1.0")).isNull();
		assertThat(HikariVersionCheck.warning(true, "7.1.1")).isNull();
		assertThat(HikariVersionCheck.warning(true, "7.2.0-SNAPSHOT")).isNull();
		assertThat(HikariVersionCheck.warning(true, "8.0.0")).isNull();
	}

	@Test
	void saysNothingOnPlatformThreads() {
		assertThat(HikariVersionCheck.warning(false, "7.0.2")).isNull();
	}

	@Test
	void saysNothingWhenTheVersionIsNotKnown() {
		assertThat(HikariVersionCheck.warning(true, null)).isNull();
		assertThat(HikariVersionCheck.warning(true, "unknown")).isNull();
	}

	@Test
	void readsTheVersionOfTheHikariOnTheClassPathFromItsJar() throws Exception {
		Path jar = Path.of(HikariDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String version = HikariVersionCheck.version();
		assertThat(version).as("HikariCP's version, read from the jar's manifest or pom.properties").isNotNull();
		assertThat(jar.getFileName()).as("the jar Maven resolved").hasToString("HikariCP-" + version + ".jar");
	}

}
