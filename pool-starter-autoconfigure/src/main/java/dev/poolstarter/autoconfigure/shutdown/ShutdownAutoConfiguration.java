package dev.poolstarter.autoconfigure.shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.autoconfigure.postgres.JdbcPoolAutoConfiguration;
import dev.poolstarter.postgres.pool.DrainableDataSource;
import dev.poolstarter.postgres.pool.PoolUsage;
import dev.poolstarter.postgres.replica.ReadReplicas;
import dev.poolstarter.shutdown.HikariPoolDrain;
import dev.poolstarter.shutdown.KafkaProducersFlush;
import dev.poolstarter.shutdown.PhaseTimer;
import dev.poolstarter.shutdown.ReadinessDelay;
import dev.poolstarter.shutdown.RedisFlush;
import dev.poolstarter.shutdown.ShutdownPhases;
import dev.poolstarter.shutdown.ShutdownStep;
import dev.poolstarter.shutdown.ShutdownSummary;
import dev.poolstarter.shutdown.ShutdownTimeline;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Auto-configuration of the ordered shutdown: readiness delay, Spring Boot's web drain,
 * Kafka listeners, Kafka producers, Redis, PostgreSQL pools, each bounded by what is left
 * of {@code pool.shutdown.timeout} and by its own limit, and one summary line. Each part
 * turns on only with its client.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class,
		afterName = { "dev.poolstarter.autoconfigure.redis.RedisPoolAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "pool.shutdown.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PoolProperties.class)
public final class ShutdownAutoConfiguration {

	ShutdownAutoConfiguration() {
	}

	@Bean
	ShutdownTimeline poolShutdownTimeline(PoolProperties properties) {
		return new ShutdownTimeline(ShutdownPropertiesValidator.check(properties.getShutdown()).getTimeout());
	}

	@Bean
	ReadinessDelay poolShutdownReadinessDelay(ShutdownTimeline timeline, PoolProperties properties) {
		return new ReadinessDelay(timeline, properties.getShutdown().getReadinessDelay());
	}

	@Bean
	ShutdownSummary poolShutdownSummary(ShutdownTimeline timeline) {
		return new ShutdownSummary(timeline);
	}

	/**
	 * Spring Framework waits this long for the asynchronous stops of a phase; the
	 * starter's own steps bound themselves.
	 */
	@Bean
	static BeanPostProcessor poolShutdownPhaseTimeouts(ObjectProvider<PoolProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof DefaultLifecycleProcessor processor) {
					PoolProperties.Shutdown shutdown = ShutdownPropertiesValidator.check(properties.getObject().getShutdown());
					processor.setTimeoutForShutdownPhase(ShutdownPhases.KAFKA_LISTENERS,
							millis(shutdown.getKafkaListenersTimeout(), shutdown.getTimeout()));
				}
				return bean;
			}

		};
	}

	private static long millis(@Nullable Duration step, Duration overall) {
		return ((step != null) ? step : overall).toMillis();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class WebConfiguration {

		@Bean
		PhaseTimer poolShutdownWebTimer(ShutdownTimeline timeline) {
			return new PhaseTimer(timeline, "web server", () -> "stopped after its graceful drain");
		}

		@Bean
		ShutdownStep poolShutdownWebDrainStart(PhaseTimer poolShutdownWebTimer) {
			return poolShutdownWebTimer.before(ShutdownPhases.WEB_DRAIN_START);
		}

		@Bean
		ShutdownStep poolShutdownWebStopped(PhaseTimer poolShutdownWebTimer) {
			return poolShutdownWebTimer.after(ShutdownPhases.WEB_STOPPED);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HikariDataSource.class)
	static class PostgresConfiguration {

		/**
		 * Drains every HikariCP pool of the context, the application's own included; the
		 * starter's pools also stop lending and name their borrowers.
		 */
		@Bean
		@ConditionalOnBean(HikariDataSource.class)
		HikariPoolDrain poolShutdownPostgresDrain(ObjectProvider<HikariDataSource> dataSources,
				ObjectProvider<PoolUsage> usage, ObjectProvider<ReadReplicas> replicas, ShutdownTimeline timeline,
				PoolProperties properties) {
			Map<HikariDataSource, PoolUsage> replicaPools = new LinkedHashMap<>();
			replicas.ifAvailable((available) -> available.replicas()
				.forEach((replica) -> replicaPools.put(replica.pool(), replica.usage())));
			List<HikariDataSource> pools = new ArrayList<>(dataSources.orderedStream().toList());
			pools.addAll(replicaPools.keySet());
			return new HikariPoolDrain(pools, (pool) -> replicaPools.containsKey(pool) ? replicaPools.get(pool)
					: (pool instanceof DrainableDataSource) ? usage.getIfUnique() : null, timeline,
					properties.getShutdown().getPostgresTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	static class RedisConfiguration {

		@Bean
		@ConditionalOnBean(RedisConnectionFactory.class)
		RedisFlush poolShutdownRedisFlush(RedisConnectionFactory connectionFactory, ShutdownTimeline timeline,
				PoolProperties properties) {
			return new RedisFlush(connectionFactory, timeline, properties.getShutdown().getRedisTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AbstractKafkaListenerContainerFactory.class, DefaultKafkaProducerFactory.class })
	@ConditionalOnBean(ProducerFactory.class)
	static class KafkaConfiguration {

		/**
		 * Moves listener containers below the web server, so that they stop after it has
		 * drained; Spring Kafka's default phase would stop them first.
		 */
		@Bean
		static BeanPostProcessor poolShutdownKafkaListenerPhase() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
					if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
						factory.setPhase(ShutdownPhases.KAFKA_LISTENERS);
					}
					else if (bean instanceof AbstractMessageListenerContainer<?, ?> container) {
						container.setPhase(ShutdownPhases.KAFKA_LISTENERS);
					}
					return bean;
				}

			};
		}

		@Bean
		PhaseTimer poolShutdownKafkaListenersTimer(ShutdownTimeline timeline,
				ObjectProvider<KafkaListenerEndpointRegistry> registry,
				ObjectProvider<MessageListenerContainer> containerBeans) {
			return new PhaseTimer(timeline, "kafka listeners", () -> "stopped "
					+ (registry.stream()
						.flatMap((available) -> available.getListenerContainers().stream())
						.filter(MessageListenerContainer::isRunning)
						.count() + containerBeans.stream().filter(MessageListenerContainer::isRunning).count())
					+ " running container(s), offsets committed");
		}

		@Bean
		ShutdownStep poolShutdownKafkaListenersStart(PhaseTimer poolShutdownKafkaListenersTimer) {
			return poolShutdownKafkaListenersTimer.before(ShutdownPhases.KAFKA_LISTENERS + 1);
		}

		@Bean
		ShutdownStep poolShutdownKafkaListenersStopped(PhaseTimer poolShutdownKafkaListenersTimer) {
			return poolShutdownKafkaListenersTimer.after(ShutdownPhases.KAFKA_LISTENERS - 1);
		}

		@Bean
		KafkaProducersFlush poolShutdownKafkaProducersFlush(ObjectProvider<DefaultKafkaProducerFactory<?, ?>> factories,
				ShutdownTimeline timeline, PoolProperties properties) {
			return new KafkaProducersFlush(factories.orderedStream().toList(), timeline,
					properties.getShutdown().getKafkaProducersTimeout());
		}

	}

}
