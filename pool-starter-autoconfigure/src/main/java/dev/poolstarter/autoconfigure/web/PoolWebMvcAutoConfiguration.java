package dev.poolstarter.autoconfigure.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.poolstarter.jdbc.PoolExhaustedException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the {@link PoolExhaustedExceptionResolver} in Spring MVC.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, HttpServletRequest.class, PoolExhaustedException.class })
public final class PoolWebMvcAutoConfiguration {

	PoolWebMvcAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PoolExhaustedExceptionResolver poolExhaustedExceptionResolver() {
		return new PoolExhaustedExceptionResolver();
	}

}
