package dev.poolstarter.postgres.pool;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one daemon thread that sweeps every pool's borrow records four times a second, and
 * the coarse clock that borrows read instead of the system clock. Pools are held weakly,
 * so that a pool nobody closed does not stay reachable from here.
 *
 * @author pool-starter
 * @since 0.1.0
 */
final class BorrowSweeper {

	static final long TICK_MILLIS = 250;

	private static final Log logger = LogFactory.getLog(BorrowSweeper.class);

	private static final long ORIGIN = System.nanoTime();

	private static final List<WeakReference<PoolUsage>> usages = new CopyOnWriteArrayList<>();

	private static volatile long now = 0;

	private static volatile boolean started;

	private BorrowSweeper() {
	}

	/**
	 * Return the coarse clock: milliseconds since the class loaded, as of the latest
	 * tick.
	 */
	static long now() {
		return now;
	}

	static void watch(PoolUsage usage) {
		usages.add(new WeakReference<>(usage));
		if (!started) {
			start();
		}
	}

	static void forget(PoolUsage usage) {
		usages.removeIf((reference) -> {
			PoolUsage watched = reference.get();
			return watched == null || watched == usage;
		});
	}

	private static synchronized void start() {
		if (started) {
			return;
		}
		Thread thread = new Thread(BorrowSweeper::run, "pool-starter-borrows");
		thread.setDaemon(true);
		thread.start();
		started = true;
	}

	private static void run() {
		while (true) {
			try {
				TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long tick = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ORIGIN);
			now = tick;
			for (WeakReference<PoolUsage> reference : usages) {
				PoolUsage usage = reference.get();
				if (usage == null) {
					usages.remove(reference);
					continue;
				}
				try {
					usage.sweep(tick);
				}
				catch (RuntimeException ex) {
					logger.warn("Sweep of the borrowed connections failed", ex);
				}
			}
		}
	}

}
