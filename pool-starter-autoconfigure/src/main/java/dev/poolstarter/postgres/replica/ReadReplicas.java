package dev.poolstarter.postgres.replica;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.JdbcPoolCustomizer;
import dev.poolstarter.postgres.MonitorDataSource;
import dev.poolstarter.postgres.PostgresPoolFactory;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.pool.CircuitBreakerPolicy;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;

import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.util.Assert;

/**
 * The read side of a primary with read replicas: lends connections from the replicas'
 * pools in turn (round-robin), skipping a replica that does not answer or lags more than
 * the limit. When no replica can lend, read-only work goes to the primary, counted, or
 * fails, as configured: a replica that lags is not read from then either. A replica whose
 * pool cannot connect counts as down at once, so that later reads do not wait for it,
 * until its monitor finds it answering again.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadReplicas extends AbstractDataSource implements AutoCloseable {

	private final List<Replica> replicas;

	private final DataSource primary;

	private final boolean fallbackToPrimary;

	private final Duration maxLag;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLong fallbacks = new AtomicLong();

	/**
	 * Create the read side.
	 * @param replicas the replicas, at least one
	 * @param primary the primary's pool, for the fallback
	 * @param fallbackToPrimary whether read-only work goes to the primary when no replica
	 * can take it, rather than failing
	 * @param maxLag lag above which a replica gets no reads
	 */
	public ReadReplicas(List<Replica> replicas, DataSource primary, boolean fallbackToPrimary, Duration maxLag) {
		Assert.notEmpty(replicas, "'replicas' must not be empty");
		this.replicas = List.copyOf(replicas);
		this.primary = primary;
		this.fallbackToPrimary = fallbackToPrimary;
		this.maxLag = maxLag;
	}

	@Override
	public Connection getConnection() throws SQLException {
		List<Replica> candidates = candidates();
		SQLException failure = null;
		for (Replica replica : candidates) {
			try {
				return replica.pool().getConnection();
			}
			catch (SQLException ex) {
				if (!isConnectionFailure(ex)) {
					throw ex;
				}
				replica.monitor().markUnreachable(String.valueOf(ex.getMessage()));
				logger.warn("Read replica '" + replica.poolName() + "' cannot connect, counted as down until it "
						+ "answers again: " + ex.getMessage());
				if (failure != null) {
					ex.addSuppressed(failure);
				}
				failure = ex;
			}
		}
		if (!this.fallbackToPrimary) {
			if (failure == null) {
				throw new SQLTransientConnectionException(
						"No read replica takes reads and pool.postgres.replica.fallback is fail: " + skipReasons());
			}
			throw failure;
		}
		this.fallbacks.incrementAndGet();
		return this.primary.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("Read replica pools connect with their configured credentials");
	}

	/**
	 * Return the replicas that take reads now, in turn; with the fail fallback, the
	 * replicas that are down when none takes reads, so that one answering again takes the
	 * read. A replica that answers but lags past the limit is never a candidate: it would
	 * serve stale data.
	 */
	private List<Replica> candidates() {
		int start = Math.floorMod(this.next.getAndIncrement(), this.replicas.size());
		List<Replica> usable = new ArrayList<>();
		List<Replica> down = new ArrayList<>();
		for (int i = 0; i < this.replicas.size(); i++) {
			Replica replica = this.replicas.get((start + i) % this.replicas.size());
			if (skipReason(replica) == null) {
				usable.add(replica);
			}
			else if (!replica.monitor().latest().reachable()) {
				down.add(replica);
			}
		}
		return (usable.isEmpty() && !this.fallbackToPrimary) ? down : usable;
	}

	private String skipReasons() {
		List<String> reasons = new ArrayList<>();
		for (Replica replica : this.replicas) {
			String reason = skipReason(replica);
			reasons.add("'" + replica.poolName() + "' " + ((reason != null) ? reason : "takes reads again"));
		}
		return String.join(", ", reasons);
	}

	/**
	 * Return why a replica gets no reads now, or {@code null} when it does.
	 * @param replica the replica
	 * @return the reason, or {@code null}
	 */
	public @Nullable String skipReason(Replica replica) {
		ReplicaStatus status = replica.monitor().latest();
		if (!status.reachable()) {
			return "down: " + status.error();
		}
		Duration lag = status.lag();
		if (lag != null && lag.compareTo(this.maxLag) > 0) {
			return "lag " + (lag.toMillis() / 1000.0) + " s > max-lag " + (this.maxLag.toMillis() / 1000.0) + " s";
		}
		return null;
	}

	/**
	 * Whether any replica takes reads now.
	 * @return whether reads go to a replica
	 */
	public boolean anyUsable() {
		return this.replicas.stream().anyMatch((replica) -> skipReason(replica) == null);
	}

	public List<Replica> replicas() {
		return this.replicas;
	}

	/**
	 * Return how many read-only borrows went to the primary because no replica could
	 * lend.
	 * @return the number of fallbacks
	 */
	public long fallbacks() {
		return this.fallbacks.get();
	}

	public boolean isFallbackToPrimary() {
		return this.fallbackToPrimary;
	}

	public Duration maxLag() {
		return this.maxLag;
	}

	/**
	 * Whether a borrow failed because the replica could not be reached, not because its
	 * pool is busy: HikariCP then gives the last connection failure (class 08) as the
	 * cause.
	 */
	private static boolean isConnectionFailure(SQLException ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ConnectException) {
				return true;
			}
			if (candidate != ex && candidate instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.replicas.forEach((replica) -> {
			replica.monitor().close();
			replica.pool().close();
			replica.usage().close();
		});
	}

	/**
	 * One read replica: its pool, its monitor and its usage.
	 *
	 * @param poolName the pool's name, such as {@code replica-1}
	 * @param url the replica's URL, without credentials
	 * @param pool the pool
	 * @param monitor the monitor of reachability and lag
	 * @param usage the pool's usage
	 */
	public record Replica(String poolName, String url, HikariDataSource pool, ReplicaMonitor monitor,
			PoolUsage usage) {

		/**
		 * Start a replica's pool and the monitor of its lag; once the replica answers again
		 * after an outage, the pool's connections are replaced.
		 * @param plan the replica pool's plan
		 * @param base sets what the plan does not on the pool's configuration first
		 * @param customizers the application's customizers
		 * @param monitorTimeout longest wait of the monitor for the replica
		 * @param checkInterval how often the monitor reads the lag
		 * @return the replica
		 */
		public static Replica start(PostgresPoolPlan plan, Consumer<HikariConfig> base,
				List<JdbcPoolCustomizer> customizers, Duration monitorTimeout, Duration checkInterval) {
			PoolUsage usage = PoolUsage.of(plan.poolName(), plan.settings());
			CircuitBreakerPolicy policy = plan.circuitBreaker();
			PostgresHikariDataSource pool = PostgresPoolFactory.create(plan, usage,
					new ConnectionAttempts(Clock.systemUTC()),
					(policy != null) ? new DatabaseCircuitBreaker(plan.poolName(), policy, null, Clock.systemUTC()) : null,
					base, customizers);
			ReplicaMonitor monitor = new ReplicaMonitor(plan.poolName(),
					MonitorDataSource.create(plan, monitorTimeout), Clock.systemUTC());
			monitor.onRecovery(() -> {
				HikariPoolMXBean bean = pool.getHikariPoolMXBean();
				if (bean != null) {
					bean.softEvictConnections();
				}
			});
			monitor.start(checkInterval);
			return new Replica(plan.poolName(), plan.connection().url().displayUrl(), pool, monitor, usage);
		}

	}

}
