package dev.poolstarter.postgres.server;

/**
 * Thrown when the fleet's connections would exceed the server's connection budget.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class FleetBudgetExceededException extends RuntimeException {

	private final FleetBudget budget;

	private final int poolSize;

	private final String poolSizeOrigin;

	private final boolean lockingMinimum;

	/**
	 * Create a new instance.
	 * @param budget the server's budget and the fleet's size
	 * @param poolSize this instance's pool size
	 * @param poolSizeOrigin where the pool size came from
	 * @param lockingMinimum whether the size is HikariCP's pool-locking minimum, which
	 * cannot be lowered without risking deadlocks
	 */
	public FleetBudgetExceededException(FleetBudget budget, int poolSize, String poolSizeOrigin,
			boolean lockingMinimum) {
		super(budget.describe(poolSize));
		this.budget = budget;
		this.poolSize = poolSize;
		this.poolSizeOrigin = poolSizeOrigin;
		this.lockingMinimum = lockingMinimum;
	}

	/**
	 * Whether the size over budget is the pool-locking minimum.
	 * @return whether the size cannot be lowered
	 */
	public boolean isLockingMinimum() {
		return this.lockingMinimum;
	}

	public FleetBudget getBudget() {
		return this.budget;
	}

	public int getPoolSize() {
		return this.poolSize;
	}

	public String getPoolSizeOrigin() {
		return this.poolSizeOrigin;
	}

}
