package dev.poolstarter.postgres.adaptive;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Closes a pool's connections above its maximum without borrowing them, and holds idle
 * connections aside for a probe down ({@link HeldConnections}). HikariCP closes
 * nothing when its maximum drops, and a borrow that means to close a connection waits
 * behind the threads that keep taking back the connections they just gave back (HikariCP
 * hands a thread its own connection first): on a busy machine such a borrow can wait for
 * a minute. Instead the evictor marks as many connections evicted as the pool holds above
 * its maximum, idle ones first: HikariCP closes an idle one at once and one in use when it
 * is given back, and the thread that holds it notices nothing.
 * <p>
 * HikariCP evicts one connection this way only from inside the pool (its public API evicts
 * all of them, or one that the caller holds), so the evictor reaches that eviction
 * reflectively; it is the same in HikariCP 5.1 to 7.1. Where it cannot (a HikariCP that
 * changed it, or a module path that does not open it), {@link #isAvailable()} says so and
 * the controller borrows the connections to close them.
 *
 * @author pool-starter
 * @since 0.1.0
 */
final class ConnectionEvictor {

	private static final Log logger = LogFactory.getLog(ConnectionEvictor.class);

	private static final String REASON = "(connection above the pool's new maximum)";

	private static final @Nullable Access access = Access.find();

	private ConnectionEvictor() {
	}

	/**
	 * Return whether the evictor can reach HikariCP's eviction of one connection.
	 * @return whether it can
	 */
	static boolean isAvailable() {
		return access != null;
	}

	/**
	 * Mark connections evicted until no more than the maximum are left unmarked, idle
	 * ones first. Connections marked before, and those the pool is already closing, are
	 * not counted; so a second call marks only what the first did not reach.
	 * @param pool the pool
	 * @param maximum the connections to keep
	 * @return whether the evictor could look at the pool; {@code false} when it cannot
	 * reach HikariCP's eviction
	 */
	static boolean evictAbove(HikariPool pool, int maximum) {
		Access access = ConnectionEvictor.access;
		if (access == null) {
			return false;
		}
		try {
			// the open connections not yet marked, idle ones first
			List<Object> open = new ArrayList<>();
			List<Object> inUse = new ArrayList<>();
			sort(access, pool, open, inUse);
			open.addAll(inUse);
			for (int i = 0; i < open.size() - maximum; i++) {
				access.evict(pool, open.get(i));
			}
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not evict connections from the pool; borrowing them to close them instead", ex);
			return false;
		}
	}

	/**
	 * Take idle connections out of the pool's circulation until no more than the maximum
	 * are left in it: HikariCP counts them neither in use nor idle and lends them to
	 * nobody, and its own housekeeping passes them by. Connections marked evicted are not
	 * counted, and are not taken.
	 * @param pool the pool
	 * @param maximum the connections to leave in circulation
	 * @return the connections taken, all of them or none: none when too few were idle, or
	 * when the evictor cannot reach HikariCP's connections
	 */
	static HeldConnections holdAbove(HikariPool pool, int maximum) {
		Access access = ConnectionEvictor.access;
		if (access == null) {
			return HeldConnections.NONE;
		}
		HeldConnections held = new HeldConnections(pool, access);
		try {
			List<Object> idle = new ArrayList<>();
			List<Object> inUse = new ArrayList<>();
			sort(access, pool, idle, inUse);
			int open = idle.size() + inUse.size();
			for (int i = 0; i < idle.size() && held.size() < open - maximum; i++) {
				held.take(idle.get(i));
			}
			if (held.size() >= open - maximum) {
				return held;
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not hold connections aside; limiting the connections lent instead", ex);
		}
		held.giveBack();
		return HeldConnections.NONE;
	}

	/**
	 * Sort the pool's open connections not marked evicted into the idle ones and those in
	 * use.
	 */
	private static void sort(Access access, HikariPool pool, List<Object> idle, List<Object> inUse)
			throws ReflectiveOperationException {
		for (Object entry : access.entries(pool)) {
			int state = ((IConcurrentBagEntry) entry).getState();
			if (state >= IConcurrentBagEntry.STATE_NOT_IN_USE && !access.isEvicted(entry)) {
				((state == IConcurrentBagEntry.STATE_NOT_IN_USE) ? idle : inUse).add(entry);
			}
		}
	}

	/**
	 * HikariCP's pool internals that the evictor uses.
	 */
	record Access(Field bag, Method softEvict, Method isMarkedEvicted) {

		static @Nullable Access find() {
			try {
				Class<?> entry = Class.forName("com.zaxxer.hikari.pool.PoolEntry", false,
						HikariPool.class.getClassLoader());
				Field bag = HikariPool.class.getDeclaredField("connectionBag");
				Method softEvict = HikariPool.class.getDeclaredMethod("softEvictConnection", entry, String.class,
						boolean.class);
				Method isMarkedEvicted = entry.getDeclaredMethod("isMarkedEvicted");
				bag.setAccessible(true);
				softEvict.setAccessible(true);
				isMarkedEvicted.setAccessible(true);
				return new Access(bag, softEvict, isMarkedEvicted);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				logger.debug("HikariCP's eviction of one connection is out of reach", ex);
				return null;
			}
		}

		List<?> entries(HikariPool pool) throws IllegalAccessException {
			return bag(pool).values();
		}

		@SuppressWarnings("unchecked")
		ConcurrentBag<IConcurrentBagEntry> bag(HikariPool pool) throws IllegalAccessException {
			return (ConcurrentBag<IConcurrentBagEntry>) this.bag.get(pool);
		}

		boolean isEvicted(Object entry) throws IllegalAccessException, InvocationTargetException {
			return (boolean) this.isMarkedEvicted.invoke(entry);
		}

		void evict(HikariPool pool, Object entry) throws IllegalAccessException, InvocationTargetException {
			// not the owner: HikariCP closes it now when idle, else when it is given back
			this.softEvict.invoke(pool, entry, REASON, false);
		}

		void close(HikariPool pool, Object entry) throws IllegalAccessException, InvocationTargetException {
			// the owner of a connection held aside: HikariCP closes it now
			this.softEvict.invoke(pool, entry, REASON, true);
		}

	}

}
