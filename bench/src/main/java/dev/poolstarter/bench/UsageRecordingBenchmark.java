package dev.poolstarter.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.UsageRecordingMetricsTrackerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the starter's metrics tracker costs per borrow, without a pool or a server: the two
 * callbacks HikariCP makes for a borrow and its return, through the usage-recording
 * tracker with the production profiles' leak detection and acquire times counted for the
 * pool's log line ({@code logged}), the same without acquire times ({@code quiet}, as
 * with the log line off), and through HikariCP's empty tracker ({@code none}).
 *
 * @author pool-starter
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UsageRecordingBenchmark {

	@Param({ "none", "quiet", "logged" })
	public String tracker = "none";

	private PoolUsage usage;

	private IMetricsTracker metrics;

	@Setup(Level.Trial)
	public void open() {
		this.usage = new PoolUsage("bench", HotPathBenchmark.PROD_LEAK_DETECTION, this.tracker.equals("logged"));
		this.metrics = switch (this.tracker) {
			case "none" -> new IMetricsTracker() {
			};
			case "quiet", "logged" -> new UsageRecordingMetricsTrackerFactory(this.usage, null).create("bench",
					new PoolStats(Duration.ofSeconds(1).toMillis()) {

						@Override
						protected void update() {
						}

					});
			default -> throw new IllegalArgumentException("Unknown tracker '" + this.tracker + "'");
		};
	}

	@TearDown(Level.Trial)
	public void close() {
		this.usage.close();
	}

	@Benchmark
	@Threads(1)
	public void borrowOneThread(Waits waits) {
		borrow(waits);
	}

	@Benchmark
	@Threads(2)
	public void borrowTwoThreads(Waits waits) {
		borrow(waits);
	}

	private void borrow(Waits waits) {
		this.metrics.recordConnectionAcquiredNanos(waits.next());
		this.metrics.recordConnectionUsageMillis(2);
	}

	/**
	 * Times to borrow spread from 500 ns to about 5 ms, one thread's own sequence.
	 */
	@State(Scope.Thread)
	public static class Waits {

		private final long[] nanos = new long[1024];

		private int next;

		@Setup(Level.Trial)
		public void fill() {
			for (int i = 0; i < this.nanos.length; i++) {
				this.nanos[i] = (long) (500 * Math.pow(10_000, (i * 0.618034) % 1.0));
			}
		}

		long next() {
			this.next = (this.next + 1) & (this.nanos.length - 1);
			return this.nanos[this.next];
		}

	}

}
