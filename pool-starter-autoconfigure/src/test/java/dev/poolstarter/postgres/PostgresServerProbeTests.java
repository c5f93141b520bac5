package dev.poolstarter.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolstarter.test.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PostgresServerProbe}'s start-up retries, against a loopback port where
 * nothing listens.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresServerProbeTests {

	private final int port = FreePort.closed();

	@Test
	void startupBackOffDoublesFromOneSecondToTenSeconds() {
		BackOffExecution backOff = PostgresServerProbe.startupBackOff().build().getBackOff().start();
		List<Long> waits = new ArrayList<>();
		for (int attempt = 0; attempt < 7; attempt++) {
			waits.add(backOff.nextBackOff());
		}
		assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L);
	}

	@Test
	void retriesWithBackoffAndMakesALastAttemptAtTheEndOfTheStartupTimeout(CapturedOutput output) {
		long start = System.nanoTime();
		DatabaseUnreachableException failure = probe(false, Duration.ofSeconds(3));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure.getAttempts()).as("attempts at 0 s, 1 s and 3 s").isEqualTo(3);
		assertThat(failure.isRetryable()).isTrue();
		assertThat(failure.getElapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(took).isLessThan(Duration.ofSeconds(10));
		assertThat(output).contains("Pool 'primary': PostgreSQL at 127.0.0.1:" + this.port
				+ " is not reachable (attempt 1): Connection to 127.0.0.1:" + this.port + " refused")
			.contains("retrying in 1.0 s, within pool.postgres.startup-timeout=3s")
			.doesNotContain("(attempt 3)");
		Matcher second = Pattern.compile("\\(attempt 2\\): .*; retrying in ([0-9.]+) s").matcher(output.toString());
		assertThat(second.find()).as("the wait after the second attempt is logged").isTrue();
		assertThat(Double.parseDouble(second.group(1))).as("2 s shortened to what is left of the 3 s")
			.isGreaterThan(0)
			.isLessThan(2.0);
	}

	@Test
	void failFastStopsAtTheFirstAttempt(CapturedOutput output) {
		DatabaseUnreachableException failure = probe(true, Duration.ofSeconds(30));
		assertThat(failure.getAttempts()).isEqualTo(1);
		assertThat(failure.isRetryable()).isTrue();
		assertThat(failure.getElapsed()).isLessThan(Duration.ofSeconds(2));
		assertThat(output).doesNotContain("retrying in");
	}

	private DatabaseUnreachableException probe(boolean failFast, Duration startupTimeout) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:" + this.port + "/app");
		dataSource.setLoginTimeout(5);
		PostgresServerProbe probe = new PostgresServerProbe("primary", "127.0.0.1:" + this.port, failFast,
				startupTimeout);
		return assertThatExceptionOfType(DatabaseUnreachableException.class)
			.isThrownBy(() -> probe.probe(dataSource))
			.actual();
	}

}
