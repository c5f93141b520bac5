package dev.poolstarter.autoconfigure.postgres;

import dev.poolstarter.postgres.pgbouncer.PgBouncerAdminProbe;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code pool.postgres.pgbouncer-admin-url} has text, so that an empty
 * placeholder such as {@code ${PGBOUNCER_ADMIN_URL:}} means "no admin console".
 *
 * @author pool-starter
 */
class OnPgBouncerAdminUrlCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("PgBouncer admin URL");
		String url = context.getEnvironment().getProperty(PgBouncerAdminProbe.PROPERTY);
		return StringUtils.hasText(url) ? ConditionOutcome.match(message.found("property").items(PgBouncerAdminProbe.PROPERTY))
				: ConditionOutcome.noMatch(message.didNotFind("property").items(PgBouncerAdminProbe.PROPERTY));
	}

}
