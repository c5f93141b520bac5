package dev.poolstarter.postgres.pool;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

/**
 * A limit on the connections a pool lends, below the connections it holds open. Adaptive
 * sizing tries a smaller size this way: the connections above it stay open and idle,
 * so that a smaller size that costs throughput is undone without opening connections
 * again (a new server process is slow for its first seconds of work), and they are closed
 * only once the smaller size is kept.
 * <p>
 * The limit holds in two stages. First a borrow takes a permit, first come first served,
 * and each connection given back or dropped as broken returns one; a borrow that gets no
 * permit within the connection timeout fails as a borrow from an exhausted pool does. The
 * permits start at the limit less the connections lent when it began and those that
 * threads already waiting in the pool's queue will get, so those count against it until
 * they come back. Once no more than the limit are lent, whoever set it may hold the idle
 * connections above it out of the pool ({@link #heldAside}): the permits end and the
 * callers queue in HikariCP's own queue, as in a pool of the smaller size. Permits given
 * first come first served cost a tenth of the throughput where many callers queue for
 * them (each one waits for the longest waiter to be woken), which a probe would count
 * against the smaller size; HikariCP's queue does not.
 * <p>
 * Without permits a borrow reads one field.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class LendingLimit {

	// a count no pool reaches: the permits a lifted limit hands out to wake its waiters
	private static final int UNLIMITED = Integer.MAX_VALUE / 2;

	private volatile @Nullable Permits permits;

	private volatile int limit = -1;

	private @Nullable Runnable giveBack;

	/**
	 * Lend no more than so many connections from now on.
	 * @param limit the connections to lend at most
	 * @param lent the connections lent now, and those that threads already waiting in the
	 * pool's queue will get without a permit
	 */
	public synchronized void limit(int limit, int lent) {
		giveBack();
		this.limit = limit;
		replacePermits(new Permits(limit, lent));
	}

	/**
	 * Hold the limit from now on with the connections above it held out of the pool: the
	 * permits end, and the threads that wait for one go on to HikariCP's queue.
	 * @param giveBack gives the connections held back to the pool, when the limit is lifted
	 * or set again
	 */
	public synchronized void heldAside(Runnable giveBack) {
		if (this.limit < 0) {
			giveBack.run();
			return;
		}
		this.giveBack = giveBack;
		replacePermits(null);
	}

	/**
	 * Lend every connection again: the connections held aside go back to the pool, and the
	 * threads that wait for a permit go on at once.
	 */
	public synchronized void lift() {
		giveBack();
		this.limit = -1;
		replacePermits(null);
	}

	private void giveBack() {
		Runnable giveBack = this.giveBack;
		this.giveBack = null;
		if (giveBack != null) {
			giveBack.run();
		}
	}

	/**
	 * Put other permits in force, or none, and let every thread that waits for one of the
	 * permits before go on.
	 */
	private void replacePermits(@Nullable Permits next) {
		Permits previous = this.permits;
		this.permits = next;
		if (previous != null) {
			previous.release(UNLIMITED);
		}
	}

	/**
	 * Return whether a limit holds.
	 * @return whether it does
	 */
	public boolean isActive() {
		return this.limit >= 0;
	}

	/**
	 * Return whether the limit holds with the connections above it held out of the pool.
	 * @return whether it does
	 */
	public synchronized boolean isHeldAside() {
		return this.giveBack != null;
	}

	/**
	 * Return the limit.
	 * @return the connections lent at most, or {@code -1} without a limit
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * Return the threads waiting for a permit.
	 * @return how many wait
	 */
	public int waiting() {
		Permits permits = this.permits;
		return (permits != null) ? permits.getQueueLength() : 0;
	}

	/**
	 * Return the connections a pool lends at most: its lending limit while one holds,
	 * else its maximum.
	 * @param dataSource the pool
	 * @return the connections it lends at most
	 */
	public static int maximum(HikariDataSource dataSource) {
		LendingLimit limit = of(dataSource);
		int lent = (limit != null) ? limit.limit() : -1;
		return (lent >= 0) ? lent : dataSource.getMaximumPoolSize();
	}

	/**
	 * Return the threads waiting for a connection of a pool: in HikariCP's queue, and for
	 * a permit of its lending limit.
	 * @param dataSource the pool
	 * @param bean the pool's bean
	 * @return how many wait
	 */
	public static int waiting(HikariDataSource dataSource, HikariPoolMXBean bean) {
		LendingLimit limit = of(dataSource);
		return bean.getThreadsAwaitingConnection() + ((limit != null) ? limit.waiting() : 0);
	}

	private static @Nullable LendingLimit of(HikariDataSource dataSource) {
		return (dataSource instanceof PostgresHikariDataSource starters) ? starters.getLendingLimit() : null;
	}

	/**
	 * Record a lent connection given back, or dropped as broken.
	 */
	void released() {
		Permits permits = this.permits;
		if (permits != null) {
			permits.release();
		}
	}

	/**
	 * Return the permits in force, for a borrow to take one.
	 * @return the permits, or {@code null} without a limit or with the connections above
	 * it held aside
	 */
	@Nullable Permits permits() {
		return this.permits;
	}

	/**
	 * The permits of one limit: first come, first served.
	 */
	static final class Permits extends Semaphore {

		private final int limit;

		Permits(int limit, int lent) {
			super(limit - lent, true);
			this.limit = limit;
		}

		/**
		 * Take a permit within the time.
		 * @param nanos the time to wait at most
		 * @return whether the permit was taken
		 * @throws InterruptedException when the thread is interrupted while it waits
		 */
		boolean take(long nanos) throws InterruptedException {
			return tryAcquire(nanos, TimeUnit.NANOSECONDS);
		}

		int limit() {
			return this.limit;
		}

	}

}
