package dev.poolstarter.postgres.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.postgres.server.ServerView;
import dev.poolstarter.settings.DurationFormat;

/**
 * Stops callers from queueing for the whole pool timeout while the database is out of
 * reach. A resilience4j {@link CircuitBreaker} counts the borrows that waited the whole
 * pool timeout because the database did not answer; after the policy's number of them in
 * a row it opens, and borrows that find no idle connection fail at once with a
 * {@link PoolExhaustedException} that says when to try again. Once the policy's time has
 * passed, one borrow is let through to wait as usual: a connection closes the breaker, a
 * database that still does not answer opens it again. A new connection that the pool
 * opens, whenever it opens one, closes it too.
 * <p>
 * Borrows that succeed while the breaker is closed are not counted, so that it costs the
 * borrow path one read of the state; connection attempts that fail are not counted
 * either, so that a full server whose pool still lends never opens it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class DatabaseCircuitBreaker implements ConnectionAttempts.Listener {

	private static final Log logger = LogFactory.getLog(DatabaseCircuitBreaker.class);

	private static final Duration SERVER_VIEW_MAX_AGE = Duration.ofSeconds(1);

	private static final int SILENCE_WAITS = 3;

	private final String poolName;

	private final CircuitBreakerPolicy policy;

	private final CircuitBreaker breaker;

	private final @Nullable Function<Duration, ServerView> server;

	private final Clock clock;

	private final LongAdder rejected = new LongAdder();

	private final List<Consumer<CircuitBreaker.State>> listeners = new CopyOnWriteArrayList<>();

	private volatile Instant since;

	private volatile @Nullable String cause;

	/**
	 * Create the breaker of one pool.
	 * @param poolName the pool
	 * @param policy when it opens and for how long
	 * @param server the server's view no older than a given age, from the monitor's own
	 * connection, or {@code null} to judge by the pool's connection attempts alone
	 * @param clock the clock
	 */
	public DatabaseCircuitBreaker(String poolName, CircuitBreakerPolicy policy,
			@Nullable Function<Duration, ServerView> server, Clock clock) {
		this.poolName = poolName;
		this.policy = policy;
		this.server = server;
		this.clock = clock;
		this.since = clock.instant();
		this.breaker = CircuitBreaker.of(poolName, CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(policy.failures())
			.minimumNumberOfCalls(policy.failures())
			.failureRateThreshold(100)
			.waitDurationInOpenState(policy.openFor())
			.permittedNumberOfCallsInHalfOpenState(1)
			.writableStackTraceEnabled(false)
			.build());
		this.breaker.getEventPublisher().onStateTransition((event) -> changed(event.getStateTransition().getToState()));
	}

	/**
	 * Return whether borrows go to the pool as usual: the one check on the borrow path.
	 * @return whether the breaker is closed
	 */
	public boolean isClosed() {
		return this.breaker.getState() == CircuitBreaker.State.CLOSED;
	}

	/**
	 * Return the breaker's state.
	 * @return the state
	 */
	public CircuitBreaker.State state() {
		return this.breaker.getState();
	}

	/**
	 * Return when the breaker last changed state, or was created.
	 * @return the time
	 */
	public Instant since() {
		return this.since;
	}

	/**
	 * Return why the breaker last opened.
	 * @return the cause, or {@code null} before it ever opened
	 */
	public @Nullable String cause() {
		return this.cause;
	}

	/**
	 * Return the borrows that failed at once while the breaker was open.
	 * @return the count
	 */
	public long rejected() {
		return this.rejected.sum();
	}

	public CircuitBreakerPolicy policy() {
		return this.policy;
	}

	/**
	 * Call the listener on every change of state from now on.
	 * @param listener receives the new state
	 */
	public void onChange(Consumer<CircuitBreaker.State> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Ask to let a borrow with no idle connection to take through: the probe once the
	 * breaker has been open long enough.
	 * @return whether it may wait for a connection
	 */
	public boolean tryPass() {
		try {
			return this.breaker.tryAcquirePermission();
		}
		catch (IllegalStateTransitionException ex) {
			// another borrow got a connection and closed the breaker while this one moved it
			// from open to half-open: ask the state it is in now
			return this.breaker.tryAcquirePermission();
		}
	}

	/**
	 * Return the exception for a borrow the breaker fails at once.
	 * @return the exception
	 */
	public PoolExhaustedException rejection() {
		this.rejected.increment();
		Duration left = Duration.between(this.clock.instant(), this.since.plus(this.policy.openFor()));
		Duration retryAfter = (left.compareTo(Duration.ofSeconds(1)) > 0) ? left : Duration.ofSeconds(1);
		return PoolExhaustedException.circuitOpen(this.poolName,
				"the database did not answer the last " + this.policy.failures() + " borrows that waited the whole "
						+ "pool timeout" + ((this.cause != null) ? " (" + this.cause + ")" : "")
						+ "; borrows fail at once until one gets a connection again",
				retryAfter);
	}

	/**
	 * Say whether the server answers, for a borrow that timed out while the pool opened
	 * no connection: in a silent network partition the pool's connections hang in their
	 * queries and the pool tries to open none, so only the monitor's own query, bounded
	 * by its timeout, tells a database out of reach from a pool too small.
	 * @return why the database does not answer, or {@code null} when it answers or there
	 * is no monitor
	 */
	public @Nullable String serverSilence() {
		Function<Duration, ServerView> server = this.server;
		if (server == null) {
			return null;
		}
		ServerView view = server.apply(SERVER_VIEW_MAX_AGE);
		for (int wait = 1; wait < SILENCE_WAITS && view.reachable() && view.stale(); wait++) {
			// the sample timed out and still runs: its own login timeout ends it soon
			view = server.apply(SERVER_VIEW_MAX_AGE);
		}
		return view.reachable() ? null : "the database does not answer the monitor's query: " + view.error();
	}

	/**
	 * Record a borrow let through by {@link #tryPass()} that got a connection.
	 */
	public void passed() {
		this.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
	}

	/**
	 * Record a borrow that waited the whole pool timeout because the database did not
	 * answer.
	 * @param exception what the borrow failed with
	 */
	public void unavailable(PoolExhaustedException exception) {
		this.cause = exception.getMessage();
		this.breaker.onError(0, TimeUnit.NANOSECONDS, exception);
	}

	/**
	 * Give back the pass of a borrow that failed for another reason.
	 */
	public void released() {
		this.breaker.releasePermission();
	}

	@Override
	public void failed(ConnectionAttempts.Failure failure) {
		// a failed attempt proves nothing while the pool still lends
	}

	/**
	 * A new connection: the database answers. It closes an open breaker, and in a closed
	 * one it ends the run of failures.
	 */
	@Override
	public void succeeded(int failedBefore) {
		if (isClosed()) {
			this.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
		}
		else {
			this.breaker.transitionToClosedState();
		}
	}

	private void changed(CircuitBreaker.State state) {
		this.since = this.clock.instant();
		switch (state) {
			case OPEN -> logger.warn("Pool '" + this.poolName + "': circuit open, borrows with no idle connection fail at"
					+ " once for " + DurationFormat.format(this.policy.openFor()) + ": " + this.cause);
			case HALF_OPEN -> logger.info("Pool '" + this.poolName
					+ "': circuit half open, the next borrow with no idle connection waits for one");
			case CLOSED -> logger.info("Pool '" + this.poolName + "': circuit closed, the database answers again ("
					+ this.rejected.sum() + " borrows failed at once so far)");
			default -> logger.info("Pool '" + this.poolName + "': circuit " + state);
		}
		this.listeners.forEach((listener) -> listener.accept(state));
	}

}
