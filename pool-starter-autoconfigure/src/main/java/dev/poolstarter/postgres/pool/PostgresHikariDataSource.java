package dev.poolstarter.postgres.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.PropertyElf;
import com.zaxxer.hikari.util.UtilityElf;
import org.jspecify.annotations.Nullable;

/**
 * The starter's {@link HikariDataSource}: a borrow that times out fails with a
 * {@link PoolExhaustedException} that says whether the pool was exhausted or the database
 * did not let it open connections, which callers and the web layer can tell apart from a
 * database error. The pool opens its connections through {@link ConnectionAttempts}.
 * While adaptive sizing tries a smaller size, a borrow first takes a permit of the pool's
 * {@link LendingLimit}; otherwise nothing changes on the path that gets a connection.
 *
 * @author pool-starter
 */
public class PostgresHikariDataSource extends HikariDataSource implements DrainableDataSource {

	private final ConnectionAttempts attempts;

	private final @Nullable DatabaseCircuitBreaker circuitBreaker;

	private final @Nullable LendingLimit lendingLimit;

	private volatile boolean lending = true;

	/**
	 * Create and start a pool.
	 * @param config the pool's configuration
	 * @param attempts records the pool's attempts to connect
	 * @param circuitBreaker fails borrows at once while the database is out of reach, or
	 * {@code null}
	 */
	public PostgresHikariDataSource(HikariConfig config, ConnectionAttempts attempts,
			@Nullable DatabaseCircuitBreaker circuitBreaker) {
		super(recordingAttempts(config, attempts));
		this.attempts = attempts;
		this.circuitBreaker = circuitBreaker;
		this.lendingLimit = (config.getMetricsTrackerFactory() instanceof UsageRecordingMetricsTrackerFactory factory)
				? factory.usage().lendingLimit() : null;
	}

	/**
	 * Give HikariCP the driver's data source, built as HikariCP would build it from the
	 * class name and properties, behind one that records every attempt.
	 */
	private static HikariConfig recordingAttempts(HikariConfig config, ConnectionAttempts attempts) {
		DataSource target = config.getDataSource();
		if (target == null && config.getDataSourceClassName() != null) {
			target = UtilityElf.createInstance(config.getDataSourceClassName(), DataSource.class);
			PropertyElf.setTargetFromProperties(target, config.getDataSourceProperties());
			config.setDataSourceClassName(null);
		}
		if (target != null) {
			config.setDataSource(attempts.recording(target));
		}
		return config;
	}

	/**
	 * Evict a connection, and when it is one the caller still holds, take it off the
	 * caller's record: HikariCP reports nothing when the caller then closes it.
	 */
	@Override
	public void evictConnection(Connection connection) {
		boolean held = isHeld(connection);
		super.evictConnection(connection);
		if (held && getMetricsTrackerFactory() instanceof UsageRecordingMetricsTrackerFactory factory) {
			factory.usage().recordBroken();
		}
	}

	private static boolean isHeld(Connection connection) {
		try {
			return !connection.isClosed();
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Close the pool, with the connections that a probe down holds aside given back first:
	 * HikariCP closes only the connections it can see.
	 */
	@Override
	public void close() {
		LendingLimit limit = this.lendingLimit;
		if (limit != null) {
			limit.lift();
		}
		super.close();
	}

	ConnectionAttempts attempts() {
		return this.attempts;
	}

	@Override
	public void stopLending() {
		this.lending = false;
	}

	@Override
	public void resumeLending() {
		this.lending = true;
	}

	@Override
	public boolean isLending() {
		return this.lending;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (!this.lending) {
			throw PoolExhaustedException.shuttingDown(getPoolName());
		}
		DatabaseCircuitBreaker breaker = this.circuitBreaker;
		if (breaker == null || breaker.isClosed()) {
			return borrow(breaker);
		}
		return borrowThrough(breaker);
	}

	/**
	 * Borrow while the breaker is open or half open: from an idle connection as usual,
	 * else fail at once unless the breaker lets this borrow through to try.
	 */
	private Connection borrowThrough(DatabaseCircuitBreaker breaker) throws SQLException {
		HikariPoolMXBean pool = getHikariPoolMXBean();
		if (pool != null && pool.getIdleConnections() > 0) {
			return borrow(null);
		}
		if (!breaker.tryPass()) {
			throw breaker.rejection();
		}
		try {
			Connection connection = borrow(null);
			breaker.passed();
			return connection;
		}
		catch (PoolExhaustedException ex) {
			if (ex.isDatabaseUnavailable()) {
				breaker.unavailable(ex);
			}
			else {
				breaker.released();
			}
			throw ex;
		}
		catch (SQLException | RuntimeException ex) {
			breaker.released();
			throw ex;
		}
	}

	private Connection borrow(@Nullable DatabaseCircuitBreaker breaker) throws SQLException {
		try {
			LendingLimit limit = this.lendingLimit;
			LendingLimit.Permits permits = (limit != null) ? limit.permits() : null;
			return (permits != null) ? borrowWithin(limit, permits) : super.getConnection();
		}
		catch (PoolExhaustedException ex) {
			throw ex;
		}
		catch (SQLTransientConnectionException ex) {
			// HikariCP throws this type only when the borrow timed out: the wait began the
			// connection timeout ago (no clock read on the way to a connection, where a
			// virtual machine's clock costs as much as the rest of the starter's work)
			long start = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(getConnectionTimeout());
			String unavailable = this.attempts.unavailableSince(start);
			if (unavailable == null && this.circuitBreaker != null) {
				unavailable = this.circuitBreaker.serverSilence();
			}
			PoolExhaustedException exhausted = new PoolExhaustedException(getPoolName(),
					Duration.ofMillis(getConnectionTimeout()), state(), unavailable, ex);
			if (breaker != null && exhausted.isDatabaseUnavailable()) {
				breaker.unavailable(exhausted);
			}
			throw exhausted;
		}
	}

	/**
	 * Borrow within the lending limit: take a permit, then a connection, both within the
	 * connection timeout. A borrow that fails gives its permit back.
	 */
	private Connection borrowWithin(LendingLimit limit, LendingLimit.Permits first) throws SQLException {
		long timeout = TimeUnit.MILLISECONDS.toNanos(getConnectionTimeout());
		long start = System.nanoTime();
		LendingLimit.@Nullable Permits permits = first;
		while (permits != null) {
			try {
				if (!permits.take(timeout - (System.nanoTime() - start))) {
					if (getMetricsTrackerFactory() instanceof UsageRecordingMetricsTrackerFactory factory) {
						factory.recordTimeout(System.nanoTime() - start);
					}
					throw new SQLTransientConnectionException(getPoolName() + " - Connection is not available, "
							+ "request timed out after " + getConnectionTimeout() + "ms (lent at most "
							+ permits.limit() + ")");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException(getPoolName() + " - Interrupted during connection acquisition", ex);
			}
			LendingLimit.Permits now = limit.permits();
			if (now == permits || now == null) {
				break;
			}
			// the limit changed while this borrow waited: take a permit of the new one
			permits.release();
			permits = now;
		}
		HikariPoolMXBean bean = getHikariPoolMXBean();
		try {
			if (!(bean instanceof HikariPool pool)) {
				return super.getConnection();
			}
			long left = TimeUnit.NANOSECONDS.toMillis(timeout - (System.nanoTime() - start));
			return pool.getConnection(Math.max(1, left));
		}
		catch (SQLException | RuntimeException ex) {
			if (permits != null) {
				permits.release();
			}
			throw ex;
		}
	}

	/**
	 * Return the limit on the connections the pool lends, which adaptive sizing sets while
	 * it tries a smaller size.
	 * @return the limit, or {@code null} when the pool is not built with the starter's
	 * usage recording
	 */
	public @Nullable LendingLimit getLendingLimit() {
		return this.lendingLimit;
	}

	/**
	 * Return the pool's circuit breaker.
	 * @return the breaker, or {@code null} when it has none
	 */
	public @Nullable DatabaseCircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	private String state() {
		HikariPoolMXBean bean = getHikariPoolMXBean();
		if (bean == null) {
			return "not started";
		}
		LendingLimit limit = this.lendingLimit;
		int lent = (limit != null) ? limit.limit() : -1;
		return "total=" + bean.getTotalConnections() + ", active=" + bean.getActiveConnections() + ", idle="
				+ bean.getIdleConnections() + ", waiting=" + LendingLimit.waiting(this, bean)
				+ ((lent >= 0) ? ", lent at most " + lent + " while adaptive sizing tries that size" : "");
	}

}
