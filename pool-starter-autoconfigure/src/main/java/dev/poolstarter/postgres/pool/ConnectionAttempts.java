package dev.poolstarter.postgres.pool;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * What happens at the server's door when a pool opens connections: attempts in flight,
 * failures in a row, the last failure and what the server answered, counted by
 * {@link Reason}. HikariCP logs failed attempts at debug level only, so a pool that the
 * server keeps below its minimum, or a server that stopped answering, would otherwise go
 * unseen. The pool opens its connections through {@link #recording(DataSource)}.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ConnectionAttempts {

	// HikariCP waits up to a few seconds between attempts that fail: a failure that
	// recent still says why the pool has no connection
	private static final long RECENT_BEFORE_WAIT = Duration.ofSeconds(10).toNanos();

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();

	private final AtomicInteger failuresInARow = new AtomicInteger();

	private final Map<Reason, LongAdder> failures = new EnumMap<>(Reason.class);

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Failure lastFailure;

	/**
	 * Create an instance.
	 * @param clock the clock of the failures' timestamps
	 */
	public ConnectionAttempts(Clock clock) {
		this.clock = clock;
		for (Reason reason : Reason.values()) {
			this.failures.put(reason, new LongAdder());
		}
	}

	/**
	 * Return a data source that opens its connections through the target and records
	 * each attempt here.
	 * @param target the driver's data source
	 * @return the recording data source
	 */
	public DataSource recording(DataSource target) {
		return new RecordingDataSource(target, this);
	}

	/**
	 * Tell the listener of every attempt's outcome, on the thread that attempted.
	 * @param listener the listener
	 */
	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Return how many attempts failed since the last one that worked.
	 * @return the failures in a row
	 */
	public int failuresInARow() {
		return this.failuresInARow.get();
	}

	/**
	 * Return the last failed attempt, whether or not one worked since.
	 * @return the last failure, or {@code null} when none failed
	 */
	public @Nullable Failure lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Return how many attempts failed for a reason since the pool started.
	 * @param reason the reason
	 * @return the count
	 */
	public long failures(Reason reason) {
		return this.failures.get(reason).sum();
	}

	/**
	 * Return how long the oldest attempt still in flight has been waiting for the server.
	 * @return its age, or zero when none is in flight
	 */
	public Duration oldestInFlight() {
		long now = System.nanoTime();
		long oldest = this.inFlight.values().stream().mapToLong((start) -> now - start).max().orElse(0);
		return Duration.ofNanos(Math.max(0, oldest));
	}

	/**
	 * Say why a borrow that waited since the given time got no connection when the
	 * database rather than the pool's capacity is the cause: attempts that failed, none
	 * working since, while it waited or shortly before; or an attempt that has waited for
	 * the server for at least half that time.
	 * @param waitedSince {@link System#nanoTime()} when the borrow started waiting
	 * @return the cause in a few words, or {@code null} when the attempts point to no
	 * database problem
	 */
	public @Nullable String unavailableSince(long waitedSince) {
		// an attempt leaves the in-flight set only once its failure is recorded: read in
		// this order, one that ends meanwhile is seen as one or the other
		Duration opening = oldestInFlight();
		Failure failure = this.lastFailure;
		if (failure != null && this.failuresInARow.get() > 0
				&& failure.nanos() - (waitedSince - RECENT_BEFORE_WAIT) >= 0) {
			return failure.explain();
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - waitedSince);
		if (!opening.isZero() && opening.compareTo(waited.dividedBy(2)) >= 0) {
			return "the database does not answer: a new connection has been opening for " + opening.toMillis()
					+ " ms";
		}
		return null;
	}

	private long started() {
		long id = this.ids.incrementAndGet();
		this.inFlight.put(id, System.nanoTime());
		return id;
	}

	private void succeeded(long id) {
		int failedBefore = this.failuresInARow.getAndSet(0);
		this.inFlight.remove(id);
		this.listeners.forEach((listener) -> listener.succeeded(failedBefore));
	}

	private void failed(long id, SQLException ex) {
		Reason reason = Reason.of(ex.getSQLState());
		Failure failure = new Failure(reason, ex.getSQLState(), String.valueOf(ex.getMessage()), this.clock.instant(),
				System.nanoTime(), this.failuresInARow.incrementAndGet());
		this.failures.get(reason).increment();
		this.lastFailure = failure;
		this.inFlight.remove(id);
		this.listeners.forEach((listener) -> listener.failed(failure));
	}

	/**
	 * Told of every attempt's outcome.
	 */
	public interface Listener {

		/**
		 * An attempt failed.
		 * @param failure the failure
		 */
		void failed(Failure failure);

		/**
		 * An attempt opened a connection.
		 * @param failedBefore how many attempts had failed in a row before it
		 */
		default void succeeded(int failedBefore) {
		}

	}

	/**
	 * Why the server turned an attempt away, from the SQL state it answered with.
	 */
	public enum Reason {

		/**
		 * The server is full: SQL state class 53, "sorry, too many clients already" or the
		 * role's connection limit.
		 */
		SERVER_FULL("the server refuses new connections"),

		/**
		 * No server answered, or it cannot take connections now: SQL state class 08
		 * (refused, timed out, reset) or 57P03 (starting up, shutting down).
		 */
		UNREACHABLE("the database is out of reach"),

		/**
		 * The server answered and refused the login: SQL state class 28 (authentication)
		 * or 3D (no such database).
		 */
		LOGIN_REFUSED("the server refuses the login"),

		/**
		 * Anything else.
		 */
		OTHER("the connection attempt failed");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		/**
		 * Return the reason of a SQL state.
		 * @param sqlState the SQL state, or {@code null}
		 * @return the reason
		 */
		public static Reason of(@Nullable String sqlState) {
			if (sqlState == null) {
				return OTHER;
			}
			if (sqlState.startsWith("53")) {
				return SERVER_FULL;
			}
			if (sqlState.startsWith("08") || sqlState.equals("57P03")) {
				return UNREACHABLE;
			}
			if (sqlState.startsWith("28") || sqlState.startsWith("3D")) {
				return LOGIN_REFUSED;
			}
			return OTHER;
		}

		/**
		 * Return the tag value of this reason in meters.
		 * @return the tag value
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * A failed attempt.
	 *
	 * @param reason why it failed
	 * @param sqlState the SQL state the driver gave, or {@code null}
	 * @param message the driver's message: what the server answered
	 * @param at when it failed
	 * @param nanos {@link System#nanoTime()} when it failed
	 * @param inARow how many attempts had failed in a row with this one
	 */
	public record Failure(Reason reason, @Nullable String sqlState, String message, Instant at, long nanos,
			int inARow) {

		/**
		 * Return the failure as a log or health text: what the server answered and its SQL
		 * state.
		 * @return the text
		 */
		public String describe() {
			return this.message + ((this.sqlState != null) ? " (SQL state " + this.sqlState + ")" : "");
		}

		/**
		 * Return what the failure means for the pool, with what the server answered.
		 * @return the text
		 */
		public String explain() {
			return this.reason.description + " (" + this.message + ")";
		}

	}

	/**
	 * Opens connections through the driver's data source and records each attempt.
	 */
	private static final class RecordingDataSource implements DataSource {

		private final DataSource target;

		private final ConnectionAttempts attempts;

		RecordingDataSource(DataSource target, ConnectionAttempts attempts) {
			this.target = target;
			this.attempts = attempts;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return attempt(this.target::getConnection);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return attempt(() -> this.target.getConnection(username, password));
		}

		private Connection attempt(Attempt attempt) throws SQLException {
			long id = this.attempts.started();
			try {
				Connection connection = attempt.connect();
				this.attempts.succeeded(id);
				return connection;
			}
			catch (SQLException ex) {
				this.attempts.failed(id, ex);
				throw ex;
			}
		}

		@FunctionalInterface
		private interface Attempt {

			Connection connect() throws SQLException;

		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return this.target.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			this.target.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			this.target.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return this.target.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return this.target.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return type.isInstance(this.target) ? type.cast(this.target) : this.target.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return type.isInstance(this.target) || this.target.isWrapperFor(type);
		}

	}

}
