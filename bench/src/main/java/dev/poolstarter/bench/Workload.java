package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The transaction every client runs: a point read, an update of the same small row and a
 * server-side wait that models the time an application holds the connection, committed
 * as one transaction the way Spring's transaction manager does it (auto-commit off, then
 * commit). {@code bench/sql/transaction.sql} is the same transaction for pgbench.
 *
 * @param rows rows in {@code bench_accounts}
 * @param holdMillis the server-side wait per transaction, in milliseconds
 */
record Workload(int rows, double holdMillis) {

	static final String TABLE = "bench_accounts";

	private static final String READ = "SELECT balance FROM bench_accounts WHERE id = ?";

	private static final String UPDATE = "UPDATE bench_accounts SET balance = balance + ? WHERE id = ?";

	private static final String HOLD = "SELECT pg_sleep(?)";

	/**
	 * Create the table anew with {@link #rows()} rows. Only this table is ever dropped.
	 * @param connection an auto-commit connection
	 * @throws SQLException on failure
	 */
	void prepare(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + TABLE);
			statement.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, balance bigint NOT NULL)");
			statement.execute("INSERT INTO " + TABLE + " SELECT g, 0 FROM generate_series(1, " + this.rows + ") g");
			statement.execute("VACUUM ANALYZE " + TABLE);
		}
	}

	/**
	 * Return the same transaction with another hold.
	 * @param holdMillis the server-side wait per transaction, in milliseconds
	 * @return the workload
	 */
	Workload withHoldMillis(double holdMillis) {
		return new Workload(this.rows, holdMillis);
	}

	static void drop(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + TABLE);
		}
	}

	/**
	 * Run one transaction on a borrowed connection.
	 * @param connection the connection
	 * @param random the client's random numbers
	 * @throws SQLException on failure, after rolling back
	 */
	void execute(Connection connection, ThreadLocalRandom random) throws SQLException {
		int id = random.nextInt(this.rows) + 1;
		connection.setAutoCommit(false);
		try {
			read(connection, id);
			update(connection, id, random.nextInt(-5000, 5001));
			hold(connection);
			connection.commit();
		}
		catch (SQLException ex) {
			rollback(connection, ex);
			throw ex;
		}
	}

	private void read(Connection connection, int id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(READ)) {
			statement.setInt(1, id);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
			}
		}
	}

	private void update(Connection connection, int id, int delta) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
			statement.setLong(1, delta);
			statement.setInt(2, id);
			statement.executeUpdate();
		}
	}

	private void hold(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(HOLD)) {
			statement.setDouble(1, this.holdMillis / 1000.0);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
			}
		}
	}

	private static void rollback(Connection connection, SQLException failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	String describe() {
		return "`SELECT balance FROM bench_accounts WHERE id = $1`, `UPDATE bench_accounts SET balance = balance + $2 WHERE id = $1`, `SELECT pg_sleep("
				+ (this.holdMillis / 1000.0) + ")`, `COMMIT` (auto-commit off), id uniform over " + this.rows + " rows";
	}

}
