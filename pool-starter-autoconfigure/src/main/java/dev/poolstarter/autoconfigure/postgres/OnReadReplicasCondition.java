package dev.poolstarter.autoconfigure.postgres;

import java.util.List;

import dev.poolstarter.postgres.replica.ReadReplicaPlanner;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code pool.postgres.replicas} names at least one URL, comma-separated or
 * as an indexed list; {@link Absent} matches otherwise.
 *
 * @author pool-starter
 */
class OnReadReplicasCondition extends SpringBootCondition {

	private final boolean expected;

	OnReadReplicasCondition() {
		this(true);
	}

	private OnReadReplicasCondition(boolean expected) {
		this.expected = expected;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Read replicas");
		long urls = Binder.get(context.getEnvironment())
			.bind(ReadReplicaPlanner.REPLICAS, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.filter(StringUtils::hasText)
			.count();
		ConditionMessage outcome = (urls > 0) ? message.found("replica URL(s) in").items(ReadReplicaPlanner.REPLICAS)
				: message.didNotFind("replica URLs in").items(ReadReplicaPlanner.REPLICAS);
		return new ConditionOutcome((urls > 0) == this.expected, outcome);
	}

	/**
	 * Matches when no read replica is configured.
	 */
	static final class Absent extends OnReadReplicasCondition {

		Absent() {
			super(false);
		}

	}

}
