package dev.poolstarter.postgres.adaptive;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opens the connections of a larger size several at a time. HikariCP opens a pool's
 * connections one at a time and pauses 30 ms after each, so that growing from 4 to 64
 * connections takes seconds while threads wait; a server opens a few sessions at once in
 * about the time of one. The filler opens up to {@value #AT_ONCE} at once and adds each
 * to the pool as it opens, raising the pool's maximum by one with each: the pool never
 * holds more than its maximum, and HikariCP, which opens connections only up to that
 * maximum, opens none of them twice. Once all are open, or one could not be, the maximum
 * is the new size and HikariCP opens whatever is missing as threads wait, at its own
 * pace.
 * <p>
 * HikariCP opens a connection for its pool only from inside the pool, so the filler
 * reaches that reflectively; it is the same in HikariCP 5.1 to 7.1. Where it cannot (a
 * HikariCP that changed it, or a module path that does not open it), {@link #grow} says
 * so and the caller raises the maximum itself.
 *
 * @author pool-starter
 * @since 0.1.0
 */
final class ConnectionFiller {

	/**
	 * Most connections opened at once.
	 */
	static final int AT_ONCE = 4;

	private static final Log logger = LogFactory.getLog(ConnectionFiller.class);

	private static final @Nullable Access access = Access.find();

	private final ThreadPoolExecutor executor;

	private @Nullable Fill fill;

	/**
	 * Create the filler of one pool.
	 * @param poolName the pool's name, for its threads' names
	 */
	ConnectionFiller(String poolName) {
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(AT_ONCE, AT_ONCE, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "pool-fill-" + poolName + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		// the threads end 10 s after the last fill
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Grow the pool to a larger size, opening the connections above its current maximum
	 * several at a time, and return at once. A fill under way for an earlier size ends
	 * first.
	 * @param pool the pool
	 * @param config the pool's configuration bean
	 * @param to the new maximum
	 * @param minIdle the minimum idle connections to set once the maximum is the new size
	 * @return whether the filler took the growth on; {@code false} when it cannot reach
	 * HikariCP's opening of a connection, and the caller then sets the maximum itself
	 */
	synchronized boolean grow(HikariPool pool, HikariConfigMXBean config, int to, int minIdle) {
		Access access = ConnectionFiller.access;
		cancel();
		int above = to - config.getMaximumPoolSize();
		if (access == null || above <= 0) {
			return false;
		}
		int openers = Math.min(AT_ONCE, above);
		Fill fill = new Fill(access, pool, config, to, minIdle, above, openers);
		this.fill = fill;
		// the executor is never shut down and its queue has no bound: it takes every opener
		for (int i = 0; i < openers; i++) {
			this.executor.execute(fill::open);
		}
		return true;
	}

	/**
	 * End the fill under way, if any: connections it opens from now on are closed, and
	 * the maximum stays where the fill left it.
	 */
	synchronized void cancel() {
		Fill fill = this.fill;
		if (fill != null) {
			fill.cancelled = true;
			this.fill = null;
		}
	}

	/**
	 * One growth: its openers claim the connections left to open one by one, and the last
	 * to stop sets the new maximum.
	 */
	private final class Fill {

		private final Access access;

		private final HikariPool pool;

		private final HikariConfigMXBean config;

		private final int to;

		private final int minIdle;

		private final AtomicInteger left;

		private final AtomicInteger openers;

		private volatile boolean cancelled;

		private volatile boolean failed;

		Fill(Access access, HikariPool pool, HikariConfigMXBean config, int to, int minIdle, int above,
				int openers) {
			this.access = access;
			this.pool = pool;
			this.config = config;
			this.to = to;
			this.minIdle = minIdle;
			this.left = new AtomicInteger(above);
			this.openers = new AtomicInteger(openers);
		}

		void open() {
			try {
				while (!this.cancelled && !this.failed && this.left.getAndDecrement() > 0) {
					Object entry = this.access.create(this.pool);
					if (entry == null) {
						// the server refused or did not answer: HikariCP tries again as threads wait
						this.failed = true;
					}
					else {
						add(entry);
					}
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				logger.debug("Could not open connections for the pool; HikariCP opens them as threads wait", ex);
				this.failed = true;
			}
			finally {
				stopped();
			}
		}

		private void stopped() {
			if (this.openers.decrementAndGet() == 0) {
				synchronized (ConnectionFiller.this) {
					if (!this.cancelled) {
						this.config.setMaximumPoolSize(this.to);
						this.config.setMinimumIdle(this.minIdle);
						ConnectionFiller.this.fill = null;
					}
				}
			}
		}

		private void add(Object entry) throws ReflectiveOperationException {
			synchronized (ConnectionFiller.this) {
				if (!this.cancelled && this.pool.poolState == HikariPool.POOL_NORMAL
						&& this.config.getMaximumPoolSize() < this.to) {
					// the connection first, then the maximum: HikariCP opens one only while the
					// pool holds fewer than its maximum, so it never opens one in this one's place
					try {
						this.access.add(this.pool, entry);
					}
					catch (RuntimeException ex) {
						// the pool closed its bag meanwhile
						this.access.discard(entry);
						throw ex;
					}
					this.config.setMaximumPoolSize(this.config.getMaximumPoolSize() + 1);
					return;
				}
			}
			this.access.discard(entry);
		}

	}

	/**
	 * HikariCP's pool internals that the filler uses.
	 */
	private record Access(Method createPoolEntry, Field bag, Method closeEntry) {

		static @Nullable Access find() {
			try {
				Class<?> entry = Class.forName("com.zaxxer.hikari.pool.PoolEntry", false,
						HikariPool.class.getClassLoader());
				Method createPoolEntry = HikariPool.class.getDeclaredMethod("createPoolEntry");
				Field bag = HikariPool.class.getDeclaredField("connectionBag");
				Method closeEntry = entry.getDeclaredMethod("close");
				if (!entry.isAssignableFrom(createPoolEntry.getReturnType())
						|| !Connection.class.isAssignableFrom(closeEntry.getReturnType())) {
					return null;
				}
				createPoolEntry.setAccessible(true);
				bag.setAccessible(true);
				closeEntry.setAccessible(true);
				return new Access(createPoolEntry, bag, closeEntry);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				logger.debug("HikariCP's opening of a connection for its pool is out of reach", ex);
				return null;
			}
		}

		/**
		 * Open a connection as the pool does, or return {@code null} when it could not be.
		 */
		@Nullable Object create(HikariPool pool) throws IllegalAccessException, InvocationTargetException {
			return this.createPoolEntry.invoke(pool);
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		void add(HikariPool pool, Object entry) throws IllegalAccessException {
			((ConcurrentBag) this.bag.get(pool)).add((IConcurrentBagEntry) entry);
		}

		/**
		 * Close a connection opened for the pool and never added to it.
		 */
		void discard(Object entry) {
			try {
				Connection connection = (Connection) this.closeEntry.invoke(entry);
				if (connection != null) {
					connection.close();
				}
			}
			catch (ReflectiveOperationException | SQLException | RuntimeException ex) {
				logger.debug("Could not close a connection opened for the pool", ex);
			}
		}

	}

}
