package dev.poolstarter.autoconfigure.postgres;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.datasource.connection-fetch} is {@code lazy}, read the way
 * Spring Boot reads it for its own pool; {@link Absent} matches otherwise.
 *
 * @author pool-starter
 */
class OnLazyConnectionFetchCondition extends SpringBootCondition {

	static final String CONNECTION_FETCH = "spring.datasource.connection-fetch";

	private final boolean expected;

	OnLazyConnectionFetchCondition() {
		this(true);
	}

	private OnLazyConnectionFetchCondition(boolean expected) {
		this.expected = expected;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Lazy connection fetch");
		String fetch = context.getEnvironment().getProperty(CONNECTION_FETCH, "eager");
		boolean lazy = "lazy".equalsIgnoreCase(fetch.trim());
		ConditionMessage outcome = message.because(CONNECTION_FETCH + " is '" + fetch + "'");
		return new ConditionOutcome(lazy == this.expected, outcome);
	}

	/**
	 * Matches when connections are fetched eagerly, the default.
	 */
	static final class Absent extends OnLazyConnectionFetchCondition {

		Absent() {
			super(false);
		}

	}

}
