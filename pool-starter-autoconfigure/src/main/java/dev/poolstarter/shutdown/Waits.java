package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for the shutdown steps.
 *
 * @author pool-starter
 */
final class Waits {

	private static final long POLL_MILLIS = 10;

	private Waits() {
	}

	static void sleep(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait until the condition holds or the time is up.
	 * @return whether the condition holds
	 */
	static boolean until(BooleanSupplier condition, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
				return condition.getAsBoolean();
			}
			sleep(Duration.ofMillis(POLL_MILLIS));
		}
		return true;
	}

}
