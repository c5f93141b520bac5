package dev.poolstarter.shutdown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Lets Redis finish the commands already sent before the client closes: Redis answers in
 * order on a connection, so the answer to one more {@code PING} means every earlier
 * command on the shared connection is done.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class RedisFlush extends ShutdownStep {

	private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(5);

	private final RedisConnectionFactory connectionFactory;

	private final ShutdownTimeline timeline;

	private final @Nullable Duration stepTimeout;

	/**
	 * Create the step.
	 * @param connectionFactory the client's connection factory
	 * @param timeline the timeline
	 * @param stepTimeout the step's own limit, or {@code null} for what is left
	 */
	public RedisFlush(RedisConnectionFactory connectionFactory, ShutdownTimeline timeline,
			@Nullable Duration stepTimeout) {
		super(ShutdownPhases.REDIS + 1, timeline);
		this.connectionFactory = connectionFactory;
		this.timeline = timeline;
		this.stepTimeout = stepTimeout;
	}

	@Override
	protected void run() {
		long start = System.nanoTime();
		// a Redis that is down must not eat the PostgreSQL drain's time
		Duration limit = this.timeline.budget((this.stepTimeout != null) ? this.stepTimeout : DEFAULT_LIMIT);
		String outcome;
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "pool-shutdown-redis");
			thread.setDaemon(true);
			return thread;
		});
		CompletableFuture<String> ping = CompletableFuture.supplyAsync(this::ping, executor);
		executor.shutdown();
		try {
			ping.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			outcome = "pending commands done, closing";
		}
		catch (TimeoutException ex) {
			ping.cancel(true);
			outcome = "pending commands abandoned after " + limit.toMillis() + " ms, closing";
		}
		catch (ExecutionException ex) {
			outcome = "unreachable (" + ex.getCause() + "), closing";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = "interrupted, closing";
		}
		this.timeline.record("redis", outcome, Duration.ofNanos(System.nanoTime() - start));
	}

	private String ping() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return connection.ping();
		}
	}

}
