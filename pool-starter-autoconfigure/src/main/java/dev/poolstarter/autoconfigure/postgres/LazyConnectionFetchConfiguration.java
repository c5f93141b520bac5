package dev.poolstarter.autoconfigure.postgres;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.poolstarter.postgres.JdbcPoolCustomizer;
import dev.poolstarter.postgres.PostgresPoolFactory;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.pool.ConnectionAttempts;
import dev.poolstarter.postgres.pool.DatabaseCircuitBreaker;
import dev.poolstarter.postgres.pool.PoolUsage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Lazy connection fetching ({@code spring.datasource.connection-fetch=lazy}) without read
 * replicas. Spring Boot wraps only the pool it creates itself, and backs off before the
 * starter's, so the starter does the same here: the pool becomes the bean
 * {@code primaryDataSource}, as with read replicas, and the application's
 * {@code dataSource} is a {@link LazyConnectionDataSourceProxy} over it, which borrows a
 * connection at the first statement rather than when a transaction begins.
 *
 * @author pool-starter
 */
@Configuration(proxyBeanMethods = false)
@Conditional({ OnReadReplicasCondition.Absent.class, OnLazyConnectionFetchCondition.class })
class LazyConnectionFetchConfiguration {

	@Bean
	HikariDataSource primaryDataSource(PostgresPoolPlan plan, PoolUsage usage, ConnectionAttempts attempts,
			ObjectProvider<DatabaseCircuitBreaker> breaker, Environment environment,
			ObjectProvider<JdbcPoolCustomizer> customizers) {
		return PostgresPoolFactory.create(plan, usage, attempts, breaker.getIfAvailable(),
				new SpringDataSourceLayers(environment)::bindOther, customizers.orderedStream().toList());
	}

	@Bean
	@Primary
	LazyConnectionDataSourceProxy dataSource(HikariDataSource primaryDataSource) {
		return lazy(primaryDataSource, primaryDataSource);
	}

	/**
	 * Wrap a data source in a proxy that borrows a connection at the first statement.
	 * @param target the data source to wrap
	 * @param primary the primary's pool, whose auto-commit the proxy reports until then
	 * @return the proxy
	 */
	static LazyConnectionDataSourceProxy lazy(DataSource target, HikariDataSource primary) {
		LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(target);
		proxy.setDefaultAutoCommit(primary.isAutoCommit());
		return proxy;
	}

}
