package dev.poolstarter.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;

import dev.poolstarter.postgres.adaptive.HeldConnections;
import dev.poolstarter.postgres.pool.LendingLimit;
import dev.poolstarter.postgres.pool.PostgresHikariDataSource;

/**
 * Sets and lifts the lending limit of the starter's pool at the phases of a
 * {@link ProbePlan}, as the adaptive pool's controller does for a probe down: the limit
 * counts the connections lent and the threads already waiting in the pool's queue, and
 * once no more than the smaller size are lent, the connections above it are held aside
 * ({@link HeldConnections#holdAside}). The phase starts once they are, or after a second.
 *
 * @author pool-starter
 */
final class LimitSwitch implements IntConsumer {

	private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final PostgresHikariDataSource dataSource;

	private final LendingLimit limit;

	private final ProbePlan plan;

	LimitSwitch(BenchPool pool, ProbePlan plan) {
		LendingLimit limit = (pool.dataSource() instanceof PostgresHikariDataSource starters)
				? starters.getLendingLimit() : null;
		if (limit == null) {
			throw new IllegalStateException("The probing pool must be the starter's, with its usage recording on");
		}
		this.dataSource = (PostgresHikariDataSource) pool.dataSource();
		this.limit = limit;
		this.plan = plan;
	}

	@Override
	public void accept(int phase) {
		if (!this.plan.probes(phase)) {
			this.limit.lift();
			return;
		}
		HikariPoolMXBean bean = this.dataSource.getHikariPoolMXBean();
		int lent = (bean != null) ? bean.getActiveConnections() + bean.getThreadsAwaitingConnection() : 0;
		this.limit.limit(this.plan.to(), lent);
		if (bean instanceof HikariPool pool) {
			long deadline = System.nanoTime() + SETTLE_NANOS;
			while (HeldConnections.holdAside(pool, this.limit) == HeldConnections.NONE
					&& System.nanoTime() - deadline < 0) {
				LockSupport.parkNanos(POLL_NANOS);
			}
		}
	}

}
