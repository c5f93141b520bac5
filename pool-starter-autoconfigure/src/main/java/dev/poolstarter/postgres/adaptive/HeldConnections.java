package dev.poolstarter.postgres.adaptive;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pool.LendingLimit;

/**
 * Idle connections that a probe of a smaller size holds out of the pool's circulation,
 * open, so that the callers queue for the smaller size in HikariCP's own queue as they
 * would in a pool of that size ({@link LendingLimit#heldAside}). HikariCP counts them
 * neither in use nor idle, lends them to nobody, and its housekeeping passes them by.
 * Given back, a connection goes to a thread that waits, or idle into the pool; closed, it
 * is gone and the pool opens none in its place (its maximum is the smaller size by then).
 *
 * @author pool-starter
 * @since 0.1.0
 */
public final class HeldConnections {

	/**
	 * Nothing held: the connections above the limit could not be held aside.
	 */
	public static final HeldConnections NONE = new HeldConnections(null, null);

	private static final Log logger = LogFactory.getLog(HeldConnections.class);

	private final @Nullable HikariPool pool;

	private final ConnectionEvictor.@Nullable Access access;

	private final List<IConcurrentBagEntry> entries = new ArrayList<>();

	HeldConnections(@Nullable HikariPool pool, ConnectionEvictor.@Nullable Access access) {
		this.pool = pool;
		this.access = access;
	}

	/**
	 * Hold the idle connections above a pool's lending limit out of the pool, once it
	 * lends no more than the limit, and end the limit's permits: from then on the callers
	 * queue in HikariCP's own queue, and lifting the limit gives the connections back.
	 * @param pool the pool
	 * @param limit the pool's lending limit
	 * @return the connections held; {@link #NONE} when the limit does not hold, when more
	 * than the limit are still lent, or when HikariCP's connections are out of reach: the
	 * permits then go on
	 */
	public static HeldConnections holdAside(HikariPool pool, LendingLimit limit) {
		int to = limit.limit();
		if (to < 0 || limit.isHeldAside() || pool.getActiveConnections() > to) {
			return NONE;
		}
		HeldConnections held = ConnectionEvictor.holdAbove(pool, to);
		if (held != NONE) {
			limit.heldAside(held::giveBack);
		}
		return held;
	}

	/**
	 * Take a connection out of circulation if it is still idle.
	 * @param entry HikariCP's entry of the connection
	 */
	synchronized void take(Object entry) throws IllegalAccessException {
		IConcurrentBagEntry bagEntry = (IConcurrentBagEntry) entry;
		if (this.pool != null && this.access != null && this.access.bag(this.pool).reserve(bagEntry)) {
			this.entries.add(bagEntry);
		}
	}

	/**
	 * Return how many connections are held.
	 * @return how many
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Give every connection held back to the pool, to a waiting thread first.
	 */
	synchronized void giveBack() {
		if (this.pool == null || this.access == null) {
			return;
		}
		try {
			for (IConcurrentBagEntry entry : this.entries) {
				this.access.bag(this.pool).unreserve(entry);
			}
		}
		catch (IllegalAccessException | RuntimeException ex) {
			logger.warn("Could not give connections held aside back to the pool", ex);
		}
		this.entries.clear();
	}

	/**
	 * Close some of the connections held; the others stay held.
	 * @param count how many to close at most
	 */
	synchronized void close(int count) {
		if (this.pool == null || this.access == null) {
			return;
		}
		while (count-- > 0 && !this.entries.isEmpty()) {
			IConcurrentBagEntry entry = this.entries.remove(this.entries.size() - 1);
			try {
				this.access.close(this.pool, entry);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				logger.warn("Could not close a connection held aside", ex);
			}
		}
	}

}
