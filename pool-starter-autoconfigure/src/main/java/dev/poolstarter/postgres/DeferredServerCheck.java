package dev.poolstarter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.pgbouncer.RoleTimeoutsCheck;
import dev.poolstarter.postgres.server.FleetBudget;
import dev.poolstarter.postgres.server.ServerFacts;
import dev.poolstarter.postgres.settings.BudgetCheckMode;
import dev.poolstarter.postgres.settings.PgjdbcOptions;
import dev.poolstarter.postgres.settings.PostgresSetting;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * Runs the checks that need the server (fleet budget, idle_session_timeout) once a server
 * that was away at start-up answers: it retries in the background with the start-up
 * backoff, on Spring Framework's {@link RetryTemplate}, and logs the outcome. Start-up is
 * over by then, so a violation is an error in the log rather than a failed start.
 *
 * @author pool-starter
 */
public class DeferredServerCheck implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DeferredServerCheck.class);

	private final @Nullable ExecutorService executor;

	private volatile @Nullable String outcome;

	public DeferredServerCheck(PostgresPoolPlan plan, DataSource dataSource) {
		if (plan.server().isKnown()) {
			this.executor = null;
			return;
		}
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "pool-deferred-check-" + plan.poolName());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.execute(() -> waitAndCheck(plan, dataSource));
	}

	/**
	 * Return what the check found, once the server has answered.
	 * @return the outcome or {@code null}
	 */
	@Nullable String outcome() {
		return this.outcome;
	}

	private void waitAndCheck(PostgresPoolPlan plan, DataSource dataSource) {
		RetryTemplate retries = new RetryTemplate(PostgresServerProbe.startupBackOff()
			.includes(ServerAway.class)
			.predicate((ex) -> !Thread.currentThread().isInterrupted())
			.build());
		try {
			check(plan, retries.execute(() -> read(dataSource)));
		}
		catch (RetryException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			if (ex.getCause() instanceof RuntimeException unexpected) {
				notChecked(plan, unexpected);
			}
		}
		catch (RuntimeException ex) {
			notChecked(plan, ex);
		}
	}

	private static ServerFacts read(DataSource dataSource) throws ServerAway {
		try (Connection connection = dataSource.getConnection()) {
			return PostgresServerProbe.read(connection);
		}
		catch (SQLException ex) {
			// RetryTemplate keeps every failure until it returns, and the server may stay
			// away for days: one shared marker per attempt, not the driver's exception
			throw ServerAway.INSTANCE;
		}
	}

	private void notChecked(PostgresPoolPlan plan, RuntimeException ex) {
		// a server that answers but not as PostgreSQL does: say so once, not silently
		this.outcome = "PostgreSQL pool '" + plan.poolName() + "': the server answers now, but its settings "
				+ "could not be checked: " + ex;
		logger.warn(this.outcome);
	}

	private void check(PostgresPoolPlan plan, ServerFacts server) {
		FleetBudget budget = new FleetBudget(server.maxConnections(), server.reservedConnections(),
				plan.budget().budget(), plan.budget().instances());
		String problem = null;
		try {
			new PostgresSettingsValidator(plan.poolName(), plan.settings()).checkServer(server);
		}
		catch (PostgresSettingsException ex) {
			problem = ex.getProblem() + " " + ex.getAction();
		}
		if (problem == null && PgjdbcOptions.isTransactionPooling(plan.settings())) {
			problem = RoleTimeoutsCheck.check(plan.settings(), server);
		}
		else if (problem == null && !budget.fits(plan.maxConnections())
				&& plan.settings().value(PostgresSetting.BUDGET_CHECK) != BudgetCheckMode.OFF) {
			problem = "Fleet over budget: " + budget.describe(plan.maxConnections()) + "; largest pool size that fits: "
					+ budget.largestPoolSize();
		}
		String message = "PostgreSQL pool '" + plan.poolName() + "': the server answers now (" + server.version()
				+ "); " + budget.describe(plan.maxConnections());
		if (problem != null) {
			this.outcome = message + "; " + problem;
			logger.error(this.outcome);
		}
		else {
			this.outcome = message;
			logger.info(this.outcome);
		}
	}

	@Override
	public void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	/**
	 * A connection attempt that failed: the server is still away.
	 */
	private static final class ServerAway extends Exception {

		static final ServerAway INSTANCE = new ServerAway();

		private ServerAway() {
			super("PostgreSQL is not reachable yet", null, false, false);
		}

	}

}
