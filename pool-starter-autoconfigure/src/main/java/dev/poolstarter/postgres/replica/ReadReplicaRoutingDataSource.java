package dev.poolstarter.postgres.replica;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the connections of read-only transactions to the read replicas and every other
 * connection to the primary. The transaction's read-only flag is set after the
 * transaction manager asks for its connection, so this data source only routes right
 * behind a {@link LazyConnectionDataSourceProxy}, which asks at the first statement.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadReplicaRoutingDataSource extends AbstractRoutingDataSource {

	/**
	 * Create a routing data source.
	 * @param primary the primary's pool
	 * @param replicas the read side
	 */
	public ReadReplicaRoutingDataSource(DataSource primary, DataSource replicas) {
		setTargetDataSources(Map.of(Route.PRIMARY, primary, Route.REPLICA, replicas));
		setDefaultTargetDataSource(primary);
		setLenientFallback(false);
		afterPropertiesSet();
	}

	@Override
	protected Object determineCurrentLookupKey() {
		return TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? Route.REPLICA : Route.PRIMARY;
	}

	/**
	 * Where a connection goes.
	 */
	enum Route {

		/**
		 * The primary: read-write work and work outside a transaction.
		 */
		PRIMARY,

		/**
		 * The read replicas: read-only transactions.
		 */
		REPLICA

	}

}
