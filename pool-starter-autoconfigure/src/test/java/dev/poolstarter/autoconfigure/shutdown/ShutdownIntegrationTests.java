package dev.poolstarter.autoconfigure.shutdown;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.poolstarter.test.TestPostgres;
import dev.poolstarter.test.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poolstarter.autoconfigure.kafka.KafkaClientsAutoConfiguration;
import dev.poolstarter.autoconfigure.kafka.SharedKafkaBroker;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.autoconfigure.redis.RedisPoolAutoConfiguration;
import dev.poolstarter.shutdown.ShutdownTimeline;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the ordered shutdown against real servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownIntegrationTests {

	private static final TestPostgres.Server postgres = TestPostgres.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcPoolAutoConfiguration.class, DataSourceAutoConfiguration.class,
				ShutdownAutoConfiguration.class))
		.withPropertyValues(postgres.poolProperties())
		.withPropertyValues("spring.application.name=shutdown-it");

	@Test
	void poolDrainWaitsForBorrowedConnectionsThenCloses(CapturedOutput output) throws Exception {
		CompletableFuture<String> work = new CompletableFuture<>();
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			CountDownLatch borrowed = new CountDownLatch(1);
			Thread worker = new Thread(() -> {
				try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
					borrowed.countDown();
					try (ResultSet rows = statement.executeQuery("SELECT 'done' FROM pg_sleep(0.5)")) {
						rows.next();
						work.complete(rows.getString(1));
					}
				}
				catch (Exception ex) {
					work.completeExceptionally(ex);
				}
			}, "request-worker");
			worker.start();
			assertThat(borrowed.await(5, TimeUnit.SECONDS)).isTrue();
		});
		assertThat(work.get(5, TimeUnit.SECONDS)).as("the request finished: nothing was forced closed").isEqualTo("done");
		assertThat(output).contains("postgres 'primary' drained 1 borrowed connection(s)")
			.containsPattern("Shutdown in \\d+ ms \\(limit 30000 ms\\): readiness OUT_OF_SERVICE, no delay")
			.doesNotContain("kafka listeners");
	}

	@Test
	void destroyCallbacksCanStillUseThePoolAfterTheDrain() {
		DestroyUsesDatabase.result = new CompletableFuture<>();
		this.contextRunner.withUserConfiguration(DestroyUsesDatabase.class)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(DestroyUsesDatabase.result).isCompletedWithValue("still lending");
	}

	@Configuration(proxyBeanMethods = false)
	static class DestroyUsesDatabase {

		static CompletableFuture<String> result = new CompletableFuture<>();

		@Bean
		org.springframework.beans.factory.DisposableBean usesDatabaseOnDestroy(HikariDataSource dataSource) {
			return () -> {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SELECT 'still lending'")) {
					rows.next();
					result.complete(rows.getString(1));
				}
				catch (Exception ex) {
					result.completeExceptionally(ex);
				}
			};
		}

	}

	@Test
	void poolDrainGivesUpAtItsLimitAndNamesTheBorrowingThread(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		long start = System.nanoTime();
		this.contextRunner.withPropertyValues("pool.shutdown.postgres-timeout=300ms").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			CountDownLatch borrowed = new CountDownLatch(1);
			Thread leaker = new Thread(() -> {
				try (Connection connection = dataSource.getConnection()) {
					borrowed.countDown();
					release.await(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					// the drain closes the pool under it
				}
			}, "leaking-request");
			leaker.start();
			assertThat(borrowed.await(5, TimeUnit.SECONDS)).isTrue();
		});
		release.countDown();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(output).contains("1 connection(s) still in use after 300 ms")
			.contains("thread 'leaking-request'")
			.contains("postgres 'primary' gave up on 1 connection(s) still in use");
	}

	@Test
	void theWholeShutdownKeepsToItsOverallDeadlineWhenNoStepHasALimitOfItsOwn(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		AtomicLong closeStartedAt = new AtomicLong();
		this.contextRunner.withPropertyValues("pool.shutdown.timeout=1500ms").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			CountDownLatch borrowed = new CountDownLatch(1);
			Thread leaker = new Thread(() -> {
				try (Connection connection = dataSource.getConnection()) {
					borrowed.countDown();
					release.await(60, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					// the drain closes the pool under it
				}
			}, "never-returns");
			leaker.start();
			assertThat(borrowed.await(5, TimeUnit.SECONDS)).isTrue();
			closeStartedAt.set(System.nanoTime());
		});
		Duration closing = Duration.ofNanos(System.nanoTime() - closeStartedAt.get());
		release.countDown();
		String summary = output.getOut()
			.lines()
			.filter((line) -> line.contains("Shutdown in"))
			.findFirst()
			.orElseThrow();
		assertThat(summary).contains("(limit 1500 ms)")
			.contains("postgres 'primary' gave up on 1 connection(s) still in use");
		long reported = Long.parseLong(summary.replaceAll(".*Shutdown in (\\d+) ms.*", "$1"));
		assertThat(reported).as("the summary's own clock").isBetween(1000L, 3000L);
		assertThat(closing).as("the context closed soon after the deadline, not at the leaker's 60 s")
			.isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void stepsRunInOrderKafkaListenersProducersRedisThenPostgres(CapturedOutput output) {
		TestRedis.Server redis = TestRedis.get();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RedisPoolAutoConfiguration.class, DataRedisAutoConfiguration.class,
					KafkaClientsAutoConfiguration.class, KafkaAutoConfiguration.class))
			.withConfiguration(UserConfigurations.of(Listener.class))
			.withPropertyValues("pool.redis.url=" + redis.url(),
					"pool.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers())
			.run((context) -> {
				context.getBean(KafkaTemplate.class).send("pool-shutdown-it", "record").get(10, TimeUnit.SECONDS);
				context.getBean(org.springframework.data.redis.core.StringRedisTemplate.class)
					.opsForValue()
					.set("pool-shutdown-it", "1");
				assertThat(context.getBean(ConcurrentMessageListenerContainer.class).isRunning()).isTrue();
			});
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output).contains("(limit 30000 ms)"));
		String summary = output.getOut().lines().filter((line) -> line.contains("(limit 30000 ms)")).findFirst().orElseThrow();
		int listeners = summary.indexOf("kafka listeners stopped 1 running container(s), offsets committed");
		int producers = summary.indexOf("kafka producers flushed and closed");
		int redisStep = summary.indexOf("redis pending commands done");
		int postgresStep = summary.indexOf("postgres 'primary'");
		assertThat(listeners).as(summary).isNotNegative();
		assertThat(producers).as(summary).isGreaterThan(listeners);
		assertThat(redisStep).as(summary).isGreaterThan(producers);
		assertThat(postgresStep).as(summary).isGreaterThan(redisStep);
	}

	@Test
	void disabledLeavesShutdownToSpringBoot() {
		this.contextRunner.withPropertyValues("pool.shutdown.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(dev.poolstarter.shutdown.ShutdownTimeline.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@Bean
		ConcurrentMessageListenerContainer<Object, Object> shutdownListener(ConsumerFactory<Object, Object> factory) {
			ContainerProperties properties = new ContainerProperties("pool-shutdown-it");
			properties.setGroupId("pool-shutdown-it");
			properties.setMessageListener((MessageListener<Object, Object>) (record) -> {
			});
			return new ConcurrentMessageListenerContainer<>(factory, properties);
		}

	}

}
