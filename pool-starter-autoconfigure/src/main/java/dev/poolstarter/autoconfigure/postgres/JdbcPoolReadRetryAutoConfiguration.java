package dev.poolstarter.autoconfigure.postgres;

import dev.poolstarter.autoconfigure.PoolProperties;
import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.retry.JdbcQueryRetryInterceptor;
import dev.poolstarter.postgres.retry.ReadOnlyTransactionRetryInterceptor;
import dev.poolstarter.postgres.retry.ReadRetries;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;

/**
 * Auto-configuration that runs reads once more on a fresh connection when their
 * connection failed under them ({@code pool.postgres.read-retry.*}): read-only
 * transactions, through an advisor ordered outside Spring's transaction advisor, and
 * {@link JdbcTemplate} queries outside a transaction, through a proxy of each template.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class)
@ConditionalOnClass({ JdbcTemplate.class, AnnotationTransactionAttributeSource.class })
@ConditionalOnBean(PostgresPoolPlan.class)
@ConditionalOnBooleanProperty(name = "pool.postgres.read-retry.enabled", matchIfMissing = true)
public final class JdbcPoolReadRetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReadRetries postgresReadRetries(PoolProperties properties) {
		return new ReadRetries(properties.getPostgres().getReadRetry().getPause());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor postgresReadOnlyTransactionRetryAdvisor(ObjectProvider<ReadRetries> retries) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				ReadOnlyTransactionRetryInterceptor.readOnlyTransactions(new AnnotationTransactionAttributeSource()),
				new ReadOnlyTransactionRetryInterceptor(retries::getObject));
		// outside the transaction advisor, whose order is the lowest precedence by default
		advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return advisor;
	}

	@Bean
	static BeanPostProcessor postgresJdbcQueryRetryPostProcessor(ObjectProvider<ReadRetries> retries) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean.getClass() != JdbcTemplate.class) {
					return bean;
				}
				ProxyFactory factory = new ProxyFactory(bean);
				factory.setProxyTargetClass(true);
				factory.addAdvice(new JdbcQueryRetryInterceptor(retries::getObject));
				return factory.getProxy(bean.getClass().getClassLoader());
			}

		};
	}

}
