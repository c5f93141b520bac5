package dev.poolstarter.postgres.pool;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's {@link JdbcTransactionManager}, except that a rollback on a connection the
 * server already ended (a restart, {@code pg_terminate_backend}, a reset) is not a second
 * failure: ending the session rolled the transaction back, and HikariCP has already closed
 * the broken connection, so rolling back again can only fail with "Connection is closed".
 * Spring would report that failure at ERROR level with a stack trace and let it replace the
 * failure that matters; here the original failure reaches the caller as it is.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class JdbcPoolTransactionManager extends JdbcTransactionManager {

	private static final Log logger = LogFactory.getLog(JdbcPoolTransactionManager.class);

	/**
	 * Create a transaction manager.
	 * @param dataSource the data source
	 */
	public JdbcPoolTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (RuntimeException ex) {
			if (!connectionClosed()) {
				throw ex;
			}
			logger.debug("No rollback: the server ended the session, which rolled the transaction back", ex);
		}
	}

	private boolean connectionClosed() {
		if (!(TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder)) {
			return false;
		}
		try {
			Connection connection = holder.getConnection();
			return connection.isClosed();
		}
		catch (SQLException | IllegalStateException ex) {
			return false;
		}
	}

}
