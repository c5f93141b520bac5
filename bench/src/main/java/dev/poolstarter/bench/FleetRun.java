package dev.poolstarter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * One round of the fleet scenario: instances of one service, each the starter's adaptive
 * pool in a Spring context of its own with a distinct {@code pool.instance-id} and its
 * own closed loop, start {@link FleetPlan#stagger()} seconds apart against the one server,
 * while the fleet's connections on the server ({@code pg_stat_activity} by
 * application_name) and every pool's maximum size are read every
 * {@link PoolSizeSampler#INTERVAL}.
 *
 * @author pool-starter
 */
final class FleetRun {

	/**
	 * The properties the fleet sets on every instance, over any {@code --starter-property}.
	 */
	static final List<String> OWN_PROPERTIES = List.of("pool.postgres.sizing", "pool.postgres.budget");

	private static final String QUERY = "SELECT count(*) FILTER (WHERE left(application_name, length(?)) = ?),"
			+ " count(*) FILTER (WHERE application_name ~ ?) FROM pg_stat_activity WHERE pid <> pg_backend_pid()";

	private static final String LIMITS = "SELECT current_setting('max_connections')::int,"
			+ " current_setting('superuser_reserved_connections')::int,"
			+ " coalesce(current_setting('reserved_connections', true)::int, 0)";

	private final Database database;

	private final FleetPlan plan;

	private final Workload workload;

	private final Map<String, String> starterProperties;

	private final String service;

	private final AtomicReferenceArray<@Nullable BenchPool> pools;

	private final List<FleetSample> samples = new ArrayList<>();

	private long origin;

	/**
	 * Prepare a round.
	 * @param database the server
	 * @param plan the fleet
	 * @param workload the transaction (its hold is the plan's)
	 * @param starterProperties extra properties for every instance's context
	 * @param service the fleet's service name, unique to the round so that nothing else on
	 * the server counts as the fleet (letters, digits and hyphens)
	 */
	FleetRun(Database database, FleetPlan plan, Workload workload, Map<String, String> starterProperties,
			String service) {
		this.database = database;
		this.plan = plan;
		this.workload = workload.withHoldMillis(plan.holdMillis());
		this.starterProperties = starterProperties;
		this.service = service;
		this.pools = new AtomicReferenceArray<>(plan.instances());
	}

	/**
	 * Return the fleet budget in connections as the starter computes it:
	 * {@code budget x (max_connections - superuser_reserved_connections - reserved_connections)},
	 * rounded down.
	 * @param budget the share
	 * @param maxConnections the server's max_connections
	 * @param reserved the reserved connections
	 * @return the connections the fleet may hold
	 */
	static int budget(double budget, int maxConnections, int reserved) {
		return (int) Math.floor(budget * Math.max(0, maxConnections - reserved));
	}

	// the fleet's own budget wins over --starter-property: the verdict is taken against it
	Map<String, String> instanceProperties() {
		Map<String, String> properties = new LinkedHashMap<>(this.starterProperties);
		properties.put("pool.postgres.sizing", "adaptive");
		properties.put("pool.postgres.budget", Double.toString(this.plan.budget()));
		return properties;
	}

	FleetRound run() throws SQLException, InterruptedException {
		int budget;
		try (Connection connection = this.database.connect("bench-fleet-setup");
				Statement statement = connection.createStatement();
				ResultSet limits = statement.executeQuery(LIMITS)) {
			limits.next();
			budget = budget(this.plan.budget(), limits.getInt(1), limits.getInt(2) + limits.getInt(3));
		}
		this.origin = System.nanoTime();
		List<Starter> starters = new ArrayList<>();
		Thread sampler = new Thread(this::sample, "bench-fleet-sampler");
		sampler.setDaemon(true);
		sampler.start();
		try {
			for (int i = 0; i < this.plan.instances(); i++) {
				Starter starter = new Starter(i);
				starters.add(starter);
				starter.start();
			}
			for (Starter starter : starters) {
				starter.join();
			}
		}
		finally {
			sampler.interrupt();
			sampler.join(TimeUnit.SECONDS.toMillis(5));
			closePools();
		}
		List<FleetRound.Instance> instances = starters.stream().map(Starter::result).toList();
		synchronized (this.samples) {
			return new FleetRound(budget, seconds(System.nanoTime()), instances, List.copyOf(this.samples));
		}
	}

	// in reverse start order, as instances leave
	private void closePools() {
		for (int i = this.plan.instances() - 1; i >= 0; i--) {
			BenchPool pool = this.pools.getAndSet(i, null);
			if (pool != null) {
				try {
					pool.close();
				}
				catch (Exception ex) {
					BenchMain.log("Closing fleet instance %d failed: %s", i + 1, ex.getMessage());
				}
			}
		}
	}

	private void sample() {
		try (Connection connection = this.database.connect("bench-fleet-sampler");
				PreparedStatement statement = connection.prepareStatement(QUERY)) {
			String prefix = this.service + "/";
			statement.setString(1, prefix);
			statement.setString(2, prefix);
			statement.setString(3, "^" + this.service + "/[^/]+$");
			long next = this.origin;
			while (!Thread.currentThread().isInterrupted()) {
				sampleOnce(statement);
				next += PoolSizeSampler.INTERVAL.toNanos();
				long left = next - System.nanoTime();
				if (left > 0) {
					TimeUnit.NANOSECONDS.sleep(left);
				}
			}
		}
		catch (InterruptedException ex) {
			// the round is over
		}
		catch (SQLException ex) {
			BenchMain.log("Fleet sampler stopped: %s", ex.getMessage());
		}
	}

	private void sampleOnce(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			List<Integer> maximums = new ArrayList<>();
			for (int i = 0; i < this.plan.instances(); i++) {
				maximums.add(maximum(this.pools.get(i)));
			}
			FleetSample sample = new FleetSample(seconds(System.nanoTime()), result.getInt(1), result.getInt(2),
					maximums);
			synchronized (this.samples) {
				this.samples.add(sample);
			}
		}
	}

	private static int maximum(@Nullable BenchPool pool) {
		if (pool == null) {
			return 0;
		}
		DataSource dataSource = pool.dataSource();
		return (dataSource instanceof HikariDataSource hikari && !hikari.isClosed()) ? PoolSizeSampler.size(hikari) : 0;
	}

	private double seconds(long nanoTime) {
		return (nanoTime - this.origin) / 1e9;
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/**
	 * Starts one instance at its time and runs its clients until the round's end.
	 */
	private final class Starter extends Thread {

		private final int index;

		private double startedAt = Double.NaN;

		private double tps;

		private @Nullable String note;

		Starter(int index) {
			super("bench-fleet-" + (index + 1));
			this.index = index;
			setDaemon(true);
		}

		@Override
		public void run() {
			try {
				sleepUntil(FleetRun.this.origin + TimeUnit.SECONDS.toNanos(FleetRun.this.plan.startOf(this.index)));
				BenchPool pool = StarterPool.openInstance(FleetRun.this.database, FleetRun.this.service, id(),
						instanceProperties());
				FleetRun.this.pools.set(this.index, pool);
				this.startedAt = seconds(System.nanoTime());
				int left = (int) Math.floor(FleetRun.this.plan.seconds() - this.startedAt);
				if (left < 1) {
					this.note = "started too late to run: " + Report.num(this.startedAt, 1) + " s";
					return;
				}
				Scenario scenario = new Scenario(
						List.of(new Phase(FleetRun.this.plan.clients(), FleetRun.this.plan.holdMillis(), left)));
				ScenarioRun run = new PhasedLoop(scenario, FleetRun.this.workload).run(id(), pool, getName());
				this.tps = run.total().tps();
				this.note = run.note();
			}
			catch (InterruptedException ex) {
				this.note = "interrupted";
			}
			catch (RuntimeException ex) {
				this.note = "did not start: " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
			}
		}

		String id() {
			return "i" + (this.index + 1);
		}

		FleetRound.Instance result() {
			return new FleetRound.Instance(id(), FleetRun.this.plan.startOf(this.index), this.startedAt, this.tps,
					this.note);
		}

	}

}
