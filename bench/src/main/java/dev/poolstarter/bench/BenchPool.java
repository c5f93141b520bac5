package dev.poolstarter.bench;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A started pool under test and how to close it.
 *
 * @param dataSource the pool
 * @param size its maximum size
 * @param sizeReason where the size came from
 * @param closer closes the pool and whatever started it
 */
record BenchPool(DataSource dataSource, int size, String sizeReason, AutoCloseable closer) implements AutoCloseable {

	/**
	 * Return the maximum size now, which the starter's adaptive mode changes at run time.
	 * @return the maximum pool size
	 */
	int currentSize() {
		return (this.dataSource instanceof HikariDataSource hikari) ? hikari.getMaximumPoolSize() : this.size;
	}

	@Override
	public void close() throws Exception {
		this.closer.close();
	}

}
