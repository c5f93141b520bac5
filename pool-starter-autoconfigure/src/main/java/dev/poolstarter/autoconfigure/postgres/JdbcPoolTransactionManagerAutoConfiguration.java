package dev.poolstarter.autoconfigure.postgres;

import javax.sql.DataSource;

import dev.poolstarter.postgres.PostgresPoolPlan;
import dev.poolstarter.postgres.pool.JdbcPoolTransactionManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Auto-configuration of the {@link JdbcPoolTransactionManager} in place of the
 * {@code JdbcTransactionManager} Spring Boot would create for the starter's pool, with
 * the same customizers. The application's own transaction manager wins, so does the
 * {@code JpaTransactionManager} of Spring Boot's Hibernate auto-configuration, and with
 * {@code spring.dao.exceptiontranslation.enabled=false} Spring Boot's choice stands.
 *
 * @author pool-starter
 * @since 0.1.0
 */
@AutoConfiguration(after = JdbcPoolAutoConfiguration.class,
		afterName = {
				"org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass({ JdbcTransactionManager.class, TransactionManager.class, TransactionManagerCustomizers.class })
@ConditionalOnBean(PostgresPoolPlan.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "spring.dao.exceptiontranslation.enabled", matchIfMissing = true)
public final class JdbcPoolTransactionManagerAutoConfiguration {

	JdbcPoolTransactionManagerAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	JdbcPoolTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		JdbcPoolTransactionManager transactionManager = new JdbcPoolTransactionManager(dataSource);
		customizers.ifAvailable((available) -> available.customize(transactionManager));
		return transactionManager;
	}

}
