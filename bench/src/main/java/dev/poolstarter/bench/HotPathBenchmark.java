package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path, {@code getConnection()} then {@code close()}, through a bare
 * {@code HikariDataSource} with HikariCP's defaults ({@code bare}), the same with the
 * leak-detection threshold the starter's prod profile sets ({@code bare-leak}, so that
 * the starter's own code can be told from HikariCP's work for that setting), and the
 * DataSource the starter builds in a Spring context ({@code starter}: its
 * {@code HikariDataSource} subclass and its usage-recording metrics tracker), all of the
 * same size against the same server. The server is not touched: HikariCP does not
 * validate a connection borrowed again within its aliveness bypass window.
 *
 * @author pool-starter
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

	static final Duration PROD_LEAK_DETECTION = Duration.ofMinutes(1);

	@Param({ "bare", "bare-leak", "starter" })
	public String source = "bare";

	@Param({ "4" })
	public int size = 4;

	private BenchPool pool;

	@Setup(Level.Trial)
	public void open() {
		Database database = Database.fromEnvironment(System.getenv());
		String applicationName = "bench-jmh-" + this.source;
		this.pool = switch (this.source) {
			case "bare" -> PoolConfig.plain("bare", this.size, null).open(database, applicationName, Map.of());
			case "bare-leak" -> bareWithLeakDetection(database, applicationName);
			case "starter" -> StarterPool.open(database, applicationName,
					Map.of("pool.profile", "prod", "pool.postgres.max-connections", Integer.toString(this.size)));
			default -> throw new IllegalArgumentException("Unknown source '" + this.source + "'");
		};
	}

	private BenchPool bareWithLeakDetection(Database database, String applicationName) {
		HikariConfig config = PoolConfig.plain("bare-leak", this.size, null).hikariConfig(database, applicationName);
		config.setLeakDetectionThreshold(PROD_LEAK_DETECTION.toMillis());
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
