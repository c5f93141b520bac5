package dev.poolstarter.autoconfigure.postgres;

import jakarta.servlet.http.HttpServletRequest;

import dev.poolstarter.postgres.pool.PoolExhaustedException;
import dev.poolstarter.postgres.web.DatabaseUnavailableExceptionResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the {@link DatabaseUnavailableExceptionResolver} in Spring MVC: HTTP 503
 * with {@code Retry-After} when the database is unavailable.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, HttpServletRequest.class, PoolExhaustedException.class,
		TransactionSystemException.class })
public final class JdbcPoolWebMvcAutoConfiguration {

	JdbcPoolWebMvcAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseUnavailableExceptionResolver databaseUnavailableExceptionResolver() {
		return new DatabaseUnavailableExceptionResolver();
	}

}
