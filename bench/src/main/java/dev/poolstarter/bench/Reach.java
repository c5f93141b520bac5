package dev.poolstarter.bench;

/**
 * When a pool reached a throughput within a phase: the first second of the phase from
 * which the moving average over {@link #WINDOW} seconds stays at or above the threshold
 * until the phase's end. The average from second {@code s} covers seconds {@code s} to
 * {@code s + WINDOW - 1}, so the last one considered starts {@code WINDOW} seconds before
 * the end; a phase shorter than the window is never reached.
 *
 * @author pool-starter
 */
final class Reach {

	static final int WINDOW = 3;

	private Reach() {
	}

	/**
	 * Return how long after a phase's start the throughput reached the threshold and
	 * stayed there.
	 * @param perSecond transactions ended in each second of the scenario
	 * @param from the phase's first second
	 * @param length the phase's seconds
	 * @param threshold the throughput to reach, in transactions per second
	 * @return the seconds from the phase's start, {@link Double#POSITIVE_INFINITY} when
	 * it was not reached, {@code NaN} without a threshold to reach
	 */
	static double secondsToReach(long[] perSecond, int from, int length, double threshold) {
		if (Double.isNaN(threshold) || threshold <= 0) {
			return Double.NaN;
		}
		int last = Math.min(length, perSecond.length - from) - WINDOW;
		double reached = Double.POSITIVE_INFINITY;
		for (int second = last; second >= 0; second--) {
			if (average(perSecond, from + second) < threshold) {
				break;
			}
			reached = second;
		}
		return reached;
	}

	private static double average(long[] perSecond, int start) {
		long sum = 0;
		for (int i = start; i < start + WINDOW; i++) {
			sum += perSecond[i];
		}
		return (double) sum / WINDOW;
	}

}
