package dev.poolstarter.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.poolstarter.jdbc.DrainableDataSource;
import dev.poolstarter.jdbc.PoolExhaustedException;

/**
 * The starter's {@link HikariDataSource}: a borrow that times out fails with a
 * {@link PoolExhaustedException}, which callers and the web layer can tell apart from a
 * database error. Nothing changes on the path that gets a connection.
 *
 * @author pool-starter
 */
class PoolStarterHikariDataSource extends HikariDataSource implements DrainableDataSource {

	private volatile boolean lending = true;

	PoolStarterHikariDataSource(HikariConfig config) {
		super(config);
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
		try {
			return super.getConnection();
		}
		catch (PoolExhaustedException ex) {
			throw ex;
		}
		catch (SQLTransientConnectionException ex) {
			// HikariCP throws this type only when the borrow timed out
			throw new PoolExhaustedException(getPoolName(), Duration.ofMillis(getConnectionTimeout()), state(), ex);
		}
	}

	private String state() {
		HikariPoolMXBean bean = getHikariPoolMXBean();
		return (bean != null) ? "total=" + bean.getTotalConnections() + ", active=" + bean.getActiveConnections()
				+ ", idle=" + bean.getIdleConnections() + ", waiting=" + bean.getThreadsAwaitingConnection()
				: "not started";
	}

}
