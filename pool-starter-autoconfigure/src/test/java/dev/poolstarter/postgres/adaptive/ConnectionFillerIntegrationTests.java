package dev.poolstarter.postgres.adaptive;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.poolstarter.test.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link ConnectionFiller} against the real PostgreSQL: a pool of 2
 * connections with 16 threads waiting grows to 16 with its new connections opened several
 * at a time, while HikariCP's own adder competes for the same connections, and the pool
 * never holds more than its new size; a fill ended half-way leaves no connection open that
 * the pool does not hold.
 */
class ConnectionFillerIntegrationTests {

	private static final TestPostgres.Server server = TestPostgres.get();

	private static final int THREADS = 16;

	private final AtomicBoolean sampling = new AtomicBoolean(true);

	private final OpeningDataSource opening = new OpeningDataSource();

	private BorrowingThreads borrowing;

	private HikariDataSource dataSource;

	@AfterEach
	void stop() throws InterruptedException {
		this.sampling.set(false);
		if (this.borrowing != null) {
			this.borrowing.close();
		}
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	@Test
	void aPoolGrowsWithSeveralConnectionsOpenedAtOnceAndNeverHoldsMoreThanItsNewSize() throws Exception {
		HikariPool pool = startPool("filler-it");
		HikariConfigMXBean config = this.dataSource.getHikariConfigMXBean();
		AtomicInteger largest = new AtomicInteger();
		Thread sampler = sample(pool, largest);
		// the first two openings wait for each other: openings one at a time would hold the
		// first for 30 s
		this.opening.pairUp();
		ConnectionFiller filler = new ConnectionFiller("filler-it");
		assertThat(filler.grow(pool, config, THREADS, THREADS)).as("HikariCP's opening of a connection is reachable")
			.isTrue();
		await("the pool holds " + THREADS + " connections").atMost(Duration.ofSeconds(60))
			.failFast("a thread failed", () -> assertThat(this.borrowing.failure()).isNull())
			.until(() -> pool.getTotalConnections() == THREADS && config.getMaximumPoolSize() == THREADS);
		assertThat(config.getMinimumIdle()).isEqualTo(THREADS);
		assertThat(this.opening.mostAtOnce()).as("connections opened at once").isGreaterThanOrEqualTo(2);
		this.sampling.set(false);
		sampler.join(10_000);
		assertThat(largest.get()).as("the most connections the pool held at any sample").isEqualTo(THREADS);
		assertThat(BorrowingThreads.serverConnections(server, "filler-it")).isEqualTo(THREADS);
		assertThat(this.borrowing.failure()).as("a thread failed").isNull();
	}

	@Test
	void aFillEndedHalfWayClosesTheConnectionsItOpensAfterwards() throws Exception {
		HikariPool pool = startPool("filler-cancel-it");
		HikariConfigMXBean config = this.dataSource.getHikariConfigMXBean();
		ConnectionFiller filler = new ConnectionFiller("filler-cancel-it");
		this.opening.holdOpenings();
		assertThat(filler.grow(pool, config, THREADS, THREADS)).isTrue();
		await("openings under way").atMost(Duration.ofSeconds(30)).until(() -> this.opening.waiting() >= 2);
		filler.cancel();
		int maximum = config.getMaximumPoolSize();
		this.opening.release();
		await("every connection the server holds for the pool is in it").atMost(Duration.ofSeconds(60))
			.failFast("a thread failed", () -> assertThat(this.borrowing.failure()).isNull())
			.until(() -> this.opening.waiting() == 0
					&& BorrowingThreads.serverConnections(server, "filler-cancel-it") == pool.getTotalConnections());
		assertThat(config.getMaximumPoolSize()).as("the maximum where the fill left it").isEqualTo(maximum);
		assertThat(pool.getTotalConnections()).isLessThanOrEqualTo(maximum);
	}

	private HikariPool startPool(String name) {
		HikariConfig config = new HikariConfig();
		config.setDataSource(this.opening);
		config.setPoolName(name);
		config.setMaximumPoolSize(2);
		config.setMinimumIdle(2);
		config.setConnectionTimeout(60_000);
		this.opening.applicationName = name;
		this.dataSource = new HikariDataSource(config);
		HikariPool pool = (HikariPool) this.dataSource.getHikariPoolMXBean();
		this.borrowing = BorrowingThreads.start(this.dataSource, THREADS, name);
		await("threads waiting for a connection").atMost(Duration.ofSeconds(60))
			.until(() -> pool.getThreadsAwaitingConnection() > 0);
		return pool;
	}

	private Thread sample(HikariPool pool, AtomicInteger largest) {
		Thread sampler = new Thread(() -> {
			while (this.sampling.get()) {
				largest.accumulateAndGet(pool.getTotalConnections(), Math::max);
				LockSupport.parkNanos(200_000);
			}
		}, "filler-it-sampler");
		sampler.setDaemon(true);
		sampler.start();
		return sampler;
	}

	/**
	 * Opens connections to the test server and counts how many it opens at once; can make
	 * the first two openings wait for each other, or hold every opening until released.
	 */
	private static final class OpeningDataSource implements DataSource {

		private final AtomicInteger atOnce = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final AtomicInteger waiting = new AtomicInteger();

		private volatile CountDownLatch pair = new CountDownLatch(0);

		private volatile CountDownLatch hold = new CountDownLatch(0);

		private volatile String applicationName = "filler-it";

		void pairUp() {
			this.pair = new CountDownLatch(2);
		}

		void holdOpenings() {
			this.hold = new CountDownLatch(1);
		}

		void release() {
			this.hold.countDown();
		}

		int mostAtOnce() {
			return this.mostAtOnce.get();
		}

		int waiting() {
			return this.waiting.get();
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.mostAtOnce.accumulateAndGet(this.atOnce.incrementAndGet(), Math::max);
			try {
				CountDownLatch pair = this.pair;
				pair.countDown();
				this.waiting.incrementAndGet();
				try {
					pair.await(30, TimeUnit.SECONDS);
					this.hold.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.waiting.decrementAndGet();
				}
				Properties properties = new Properties();
				if (server.username() != null) {
					properties.setProperty("user", server.username());
				}
				if (server.password() != null) {
					properties.setProperty("password", server.password());
				}
				properties.setProperty("ApplicationName", this.applicationName);
				return DriverManager.getConnection(server.jdbcUrl(), properties);
			}
			finally {
				this.atOnce.decrementAndGet();
			}
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
