package dev.poolstarter.kafka;

import java.time.Duration;
import java.util.Locale;

import dev.poolstarter.settings.DurationFormat;
import dev.poolstarter.settings.Resolved;
import dev.poolstarter.settings.ResolvedSettings;

/**
 * Rejects effective Kafka client settings that contradict each other, which the clients
 * would otherwise reject at the first send or poll, or silently weaken.
 *
 * @author pool-starter
 */
final class KafkaSettingsValidator {

	private static final int MAX_IN_FLIGHT_WITH_IDEMPOTENCE = 5;

	private final ResolvedSettings<KafkaSettings> settings;

	private KafkaSettingsValidator(ResolvedSettings<KafkaSettings> settings) {
		this.settings = settings;
	}

	static void validate(ResolvedSettings<KafkaSettings> settings) {
		KafkaSettingsValidator validator = new KafkaSettingsValidator(settings);
		validator.checkIdempotence();
		validator.checkHeartbeat();
		validator.checkDeliveryTimeout();
	}

	private void checkIdempotence() {
		if (!Boolean.TRUE.equals(this.settings.value(KafkaSetting.IDEMPOTENCE))) {
			return;
		}
		String acks = this.settings.value(KafkaSetting.ACKS);
		if (acks != null && !acks.trim().toLowerCase(Locale.ROOT).equals("all") && !acks.trim().equals("-1")) {
			fail(describe(KafkaSetting.ACKS) + " contradicts " + describe(KafkaSetting.IDEMPOTENCE)
					+ ": an idempotent producer needs every in-sync replica to acknowledge",
					"Set pool.kafka.producer.acks=all, or set pool.kafka.producer.idempotence=false to accept acks="
							+ acks + " and possible duplicates.");
		}
		Integer inFlight = this.settings.value(KafkaSetting.MAX_IN_FLIGHT);
		if (inFlight != null && inFlight > MAX_IN_FLIGHT_WITH_IDEMPOTENCE) {
			fail(describe(KafkaSetting.MAX_IN_FLIGHT) + " contradicts " + describe(KafkaSetting.IDEMPOTENCE)
					+ ": an idempotent producer keeps order with at most 5 requests in flight",
					"Set pool.kafka.producer.max-in-flight=5.");
		}
		Integer retries = this.settings.value(KafkaSetting.RETRIES);
		if (retries != null && retries < 1) {
			fail(describe(KafkaSetting.RETRIES) + " contradicts " + describe(KafkaSetting.IDEMPOTENCE)
					+ ": an idempotent producer needs retries",
					"Remove the retries setting (the client's default is 2147483647, bounded by the delivery "
							+ "timeout), or set pool.kafka.producer.idempotence=false.");
		}
	}

	private void checkHeartbeat() {
		Duration session = this.settings.value(KafkaSetting.SESSION_TIMEOUT);
		Duration heartbeat = this.settings.value(KafkaSetting.HEARTBEAT_INTERVAL);
		if (session == null || heartbeat == null || heartbeat.multipliedBy(3).compareTo(session) < 0) {
			return;
		}
		Duration highest = Duration.ofMillis((session.toMillis() - 1) / 3);
		fail(describe(KafkaSetting.HEARTBEAT_INTERVAL) + " is not below a third of "
				+ describe(KafkaSetting.SESSION_TIMEOUT)
				+ ": one late heartbeat would make the consumer leave its group and rebalance it",
				"Set pool.kafka.consumer.heartbeat-interval to at most " + DurationFormat.format(highest)
						+ " (3s is usual), or pool.kafka.consumer.session-timeout to more than "
						+ DurationFormat.format(heartbeat.multipliedBy(3)) + ".");
	}

	private void checkDeliveryTimeout() {
		Duration delivery = this.settings.value(KafkaSetting.DELIVERY_TIMEOUT);
		Duration linger = this.settings.value(KafkaSetting.LINGER);
		Duration request = this.settings.value(KafkaSetting.REQUEST_TIMEOUT);
		if (delivery == null || linger == null || request == null) {
			return;
		}
		Duration lowest = linger.plus(request);
		if (delivery.compareTo(lowest) < 0) {
			fail(describe(KafkaSetting.DELIVERY_TIMEOUT) + " is below " + describe(KafkaSetting.LINGER) + " plus "
					+ describe(KafkaSetting.REQUEST_TIMEOUT) + ": a send could time out before its first request",
					"Set pool.kafka.producer.delivery-timeout to at least " + DurationFormat.format(lowest)
							+ ", or lower pool.kafka.producer.linger or pool.kafka.producer.request-timeout.");
		}
	}

	private String describe(KafkaSetting<?> setting) {
		Resolved<?> resolved = this.settings.get(setting);
		return setting.key() + "=" + KafkaStartupReport.format(resolved.value()) + " (from " + resolved.origin()
				+ ")";
	}

	private static void fail(String problem, String action) {
		throw new KafkaSettingsException(problem, action);
	}

}
