package dev.poolstarter.postgres.pool;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TcpProxy;
import dev.poolstarter.test.TestPostgres;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the circuit breaker against the real PostgreSQL behind a loopback
 * proxy that a test freezes, as a silent network partition does: 8 callers borrow in a
 * loop from a pool of 4 with a 5 s pool timeout. Once three borrows have waited the whole
 * timeout for a database that does not answer, borrows fail at once; once the partition
 * ends, the pool lends again within 2 s.
 */
class CircuitBreakerIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final int CALLERS = 8;

	private final List<Borrow> borrows = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	@Test
	void borrowsFailAtOnceDuringAPartitionAndThePoolLendsAgainSoonAfterIt() throws Exception {
		URI target = URI.create(server.jdbcUrl().substring("jdbc:".length()));
		try (TcpProxy proxy = TcpProxy.start(0, target.getHost(), target.getPort())) {
			String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
			contextRunner(url).run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				DatabaseCircuitBreaker breaker = context.getBean(DatabaseCircuitBreaker.class);
				List<Thread> callers = startCallers(dataSource);
				await().atMost(Duration.ofSeconds(30)).until(() -> this.borrows.stream().filter(Borrow::ok).count() > 50);
				long frozenAt = System.nanoTime();
				proxy.freeze();
				await("the circuit opens").atMost(Duration.ofSeconds(30))
					.until(() -> breaker.state() == CircuitBreaker.State.OPEN);
				long openedAt = System.nanoTime();
				int before = this.borrows.size();
				await("borrows fail at once").atMost(Duration.ofSeconds(30))
					.until(() -> this.borrows.size() - before >= 50);
				List<Borrow> all = List.copyOf(this.borrows);
				List<Borrow> whileOpen = all.subList(before, all.size());
				long thawedAt = System.nanoTime();
				proxy.thaw();
				await("a borrow gets a connection after the partition").atMost(Duration.ofSeconds(30))
					.until(() -> this.borrows.stream().anyMatch((borrow) -> borrow.ok() && borrow.start() > thawedAt));
				Borrow firstAfter = this.borrows.stream()
					.filter((borrow) -> borrow.ok() && borrow.start() > thawedAt)
					.findFirst()
					.orElseThrow();
				this.running.set(false);
				for (Thread caller : callers) {
					caller.join(30_000);
				}
				long failedAtOnce = whileOpen.stream().filter((borrow) -> borrow.failedAtOnce()).count();
				long slowest = whileOpen.stream()
					.filter((borrow) -> borrow.failedAtOnce())
					.mapToLong(Borrow::millis)
					.max()
					.orElse(-1);
				long recovered = (firstAfter.end() - thawedAt) / 1_000_000;
				System.out.println("Circuit breaker: open " + (openedAt - frozenAt) / 1_000_000
						+ " ms after the partition began; " + failedAtOnce + " of " + whileOpen.size()
						+ " borrows while open failed at once, the slowest in " + slowest
						+ " ms; first connection " + recovered + " ms after the partition ended");
				assertThat(failedAtOnce).isGreaterThanOrEqualTo(40);
				assertThat(slowest).as("ms to fail a borrow while open").isLessThan(1000);
				assertThat(recovered).as("ms from the end of the partition to a connection").isLessThan(2000);
				assertThat(breaker.rejected()).isGreaterThanOrEqualTo(failedAtOnce);
			});
		}
	}

	private ApplicationContextRunner contextRunner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues(server.poolProperties())
			.withPropertyValues("pool.postgres.url=" + url, "pool.service=breaker-it", "pool.profile=prod",
					"pool.instances=1", "pool.postgres.max-connections=4", "pool.postgres.pool-timeout=5s",
					"pool.postgres.connect-timeout=2s", "pool.health.timeout=1s",
					"pool.postgres.circuit-breaker.failures=3", "pool.postgres.circuit-breaker.open-for=1s");
	}

	private List<Thread> startCallers(HikariDataSource dataSource) {
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			Thread caller = new Thread(() -> call(dataSource), "breaker-caller-" + i);
			caller.setDaemon(true);
			caller.start();
			callers.add(caller);
		}
		return callers;
	}

	private void call(HikariDataSource dataSource) {
		while (this.running.get()) {
			long start = System.nanoTime();
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_sleep(0.005)");
				this.borrows.add(new Borrow(start, System.nanoTime(), true, false));
			}
			catch (PoolExhaustedException ex) {
				this.borrows.add(new Borrow(start, System.nanoTime(), false, ex.getPoolTimeout().isZero()));
				pause();
			}
			catch (SQLException ex) {
				this.borrows.add(new Borrow(start, System.nanoTime(), false, false));
				pause();
			}
		}
	}

	// a caller that failed waits a little before the next borrow, as a client that got a
	// 503 with Retry-After would, so that the list of borrows stays small
	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One borrow and its outcome.
	 */
	private record Borrow(long start, long end, boolean ok, boolean failedAtOnce) {

		long millis() {
			return (this.end - this.start) / 1_000_000;
		}

	}

}
