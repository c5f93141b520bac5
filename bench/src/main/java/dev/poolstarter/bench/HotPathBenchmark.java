package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path, {@code getConnection()} then {@code close()}, through a bare
 * {@code HikariDataSource} with HikariCP's defaults ({@code bare}); the same with the
 * leak-detection threshold the starter's prod profile sets ({@code bare-leak}, so that
 * the starter's own code can be told from HikariCP's work for that setting); the same
 * with the metrics tracker Spring Boot installs when the application has a meter registry
 * ({@code bare-metrics}: HikariCP's {@code MicrometerMetricsTrackerFactory} on a
 * {@code SimpleMeterRegistry}); the DataSource the starter builds in a Spring context
 * ({@code starter}: its {@code HikariDataSource} subclass and its usage-recording metrics
 * tracker, prod profile); and the starter's with every feature on ({@code starter-all}:
 * also adaptive sizing and a {@code SimpleMeterRegistry}, so that its metrics sit on
 * Micrometer's tracker), all of the same size against the same server. The server is not
 * touched: HikariCP does not validate a connection borrowed again within its aliveness
 * bypass window.
 * <p>
 * Every fork has the same fixed heap: left to size itself, the JVM of a source started in a
 * Spring context gave its young generation less room than the bare pool's, and collected
 * 8 times in 5 s against 3 at the same rate of allocation (56 bytes per borrow, HikariCP's
 * proxy connection, for every source), which is the JVM's sizing rather than the pool's
 * work.
 *
 * @author pool-starter
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

	static final Duration PROD_LEAK_DETECTION = Duration.ofMinutes(1);

	static final String BARE = "bare";

	static final String BARE_LEAK = "bare-leak";

	static final String BARE_METRICS = "bare-metrics";

	static final String STARTER = "starter";

	static final String STARTER_ALL = "starter-all";

	// the most threads a benchmark borrows with: adaptive sizing must not take the pool
	// below it, or the threads would wait for each other and the benchmark measure that
	static final int MOST_THREADS = 2;

	@Param({ BARE, BARE_LEAK, BARE_METRICS, STARTER, STARTER_ALL })
	public String source = BARE;

	@Param({ "4" })
	public int size = 4;

	private BenchPool pool;

	@Setup(Level.Trial)
	public void open() {
		Database database = Database.fromEnvironment(System.getenv());
		String applicationName = "bench-jmh-" + this.source;
		this.pool = switch (this.source) {
			case BARE -> PoolConfig.plain(BARE, this.size, null).open(database, applicationName, Map.of());
			case BARE_LEAK -> bare(database, applicationName, true, false);
			case BARE_METRICS -> bare(database, applicationName, false, true);
			case STARTER -> StarterPool.open(database, applicationName,
					Map.of("pool.profile", "prod", "pool.postgres.max-connections", Integer.toString(this.size)));
			case STARTER_ALL -> StarterPool.open(database, applicationName, Map.of("pool.profile", "prod",
					"pool.postgres.max-connections", Integer.toString(this.size), "pool.postgres.sizing", "adaptive",
					"pool.postgres.adaptive.min-connections", Integer.toString(MOST_THREADS)),
					new SimpleMeterRegistry());
			default -> throw new IllegalArgumentException("Unknown source '" + this.source + "'");
		};
	}

	private BenchPool bare(Database database, String applicationName, boolean leakDetection, boolean metrics) {
		HikariConfig config = PoolConfig.plain(this.source, this.size, null).hikariConfig(database, applicationName);
		if (leakDetection) {
			config.setLeakDetectionThreshold(PROD_LEAK_DETECTION.toMillis());
		}
		if (metrics) {
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()));
		}
		HikariDataSource dataSource = new HikariDataSource(config);
		return new BenchPool(dataSource, this.size, "fixed", dataSource);
	}

	@TearDown(Level.Trial)
	public void close() throws Exception {
		this.pool.close();
	}

	@Benchmark
	@Threads(1)
	public void borrowOneThread(Blackhole blackhole) throws SQLException {
		borrow(blackhole);
	}

	@Benchmark
	@Threads(2)
	public void borrowTwoThreads(Blackhole blackhole) throws SQLException {
		borrow(blackhole);
	}

	private void borrow(Blackhole blackhole) throws SQLException {
		try (Connection connection = this.pool.dataSource().getConnection()) {
			blackhole.consume(connection);
		}
	}

}
