package dev.poolstarter.postgres.retry;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a read-only transaction ({@code @Transactional(readOnly = true)}) once more when its
 * connection failed under it. Ordered outside Spring's transaction interceptor, it sees
 * the whole transaction fail and begins a new one; a read-only method that joins a
 * transaction already under way is left to whoever began it.
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class ReadOnlyTransactionRetryInterceptor implements MethodInterceptor {

	private final Supplier<ReadRetries> retries;

	/**
	 * Create an instance.
	 * @param retries runs the reads, looked up at the first call
	 */
	public ReadOnlyTransactionRetryInterceptor(Supplier<ReadRetries> retries) {
		this.retries = retries;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxied)) {
			return invocation.proceed();
		}
		return this.retries.get().run(describe(invocation.getMethod()), () -> proxied.invocableClone().proceed());
	}

	private static String describe(Method method) {
		return "read-only transaction " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}

	/**
	 * Return the pointcut of the read-only transactions.
	 * @param source where transactions are declared, such as
	 * {@code AnnotationTransactionAttributeSource}
	 * @return the pointcut
	 */
	public static StaticMethodMatcherPointcut readOnlyTransactions(TransactionAttributeSource source) {
		return new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, Class<?> targetClass) {
				TransactionAttribute attribute = source.getTransactionAttribute(method, targetClass);
				return attribute != null && attribute.isReadOnly();
			}

		};
	}

}
