package dev.poolstarter.postgres.retry;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a {@link JdbcTemplate} query outside a transaction once more when its connection
 * failed under it: {@code query}, {@code queryForObject}, {@code queryForList},
 * {@code queryForMap} and {@code queryForRowSet} materialize their rows only once the
 * statement has run, so a failed one returned none. A query that hands rows to a
 * {@link RowCallbackHandler} as they come, a stream, and every update are never run again;
 * nor is a query inside a transaction, which is the transaction's to retry. Templates and
 * clients built on the template ({@code NamedParameterJdbcTemplate}, {@code JdbcClient})
 * go through these methods.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class JdbcQueryRetryInterceptor implements MethodInterceptor {

	private static final Set<String> QUERIES = Set.of("query", "queryForObject", "queryForList", "queryForMap",
			"queryForRowSet");

	private final Supplier<ReadRetries> retries;

	/**
	 * Create an instance.
	 * @param retries runs the reads, looked up at the first call
	 */
	public JdbcQueryRetryInterceptor(Supplier<ReadRetries> retries) {
		this.retries = retries;
	}

	/**
	 * Return whether a method of {@link JdbcTemplate} is a query that may run again.
	 * @param method the method
	 * @return whether it returns materialized rows
	 */
	public static boolean isRepeatableQuery(Method method) {
		if (!QUERIES.contains(method.getName())) {
			return false;
		}
		for (Class<?> type : method.getParameterTypes()) {
			if (RowCallbackHandler.class.isAssignableFrom(type)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (!isRepeatableQuery(invocation.getMethod()) || inTransaction(invocation.getThis())
				|| !(invocation instanceof ProxyMethodInvocation proxied)) {
			return invocation.proceed();
		}
		return this.retries.get().run("query " + invocation.getMethod().getName(),
				() -> proxied.invocableClone().proceed());
	}

	private static boolean inTransaction(@Nullable Object target) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return true;
		}
		DataSource dataSource = (target instanceof JdbcTemplate template) ? template.getDataSource() : null;
		return dataSource != null && TransactionSynchronizationManager.hasResource(dataSource);
	}

}
