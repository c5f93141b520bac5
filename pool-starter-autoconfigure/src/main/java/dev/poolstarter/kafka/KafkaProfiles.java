package dev.poolstarter.kafka;

import java.time.Duration;

import dev.poolstarter.settings.BuiltInProfile;
import dev.poolstarter.settings.Layer;

import org.springframework.util.unit.DataSize;

/**
 * The built-in Kafka tables of the profiles, and the clients' own defaults that the
 * start-up table shows for everything else.
 * <p>
 * Every profile compresses with zstd (the best ratio per CPU of the codecs, which
 * matters more than its cost once batches hold more than a few records), sends
 * heartbeats every 3s within a 30s session (the client's 45s keeps a dead consumer's
 * partitions idle for too long) and bounds connection set-up of the admin client at 5s.
 * Linger and batch size grow with traffic: dev keeps the client's 5ms and 16KB, staging
 * and prod wait 10ms for 32KB and 64KB batches, prod-high-traffic waits 20ms for 256KB
 * batches, whose fewer, larger requests cost the brokers less. Serverless sends at once
 * (linger 0), since a frozen function never sends a lingering batch, and gives up sooner.
 *
 * @author pool-starter
 */
final class KafkaProfiles {

	static final String LIBRARY_ORIGIN = "kafka-clients default";

	private KafkaProfiles() {
	}

	static Layer<KafkaSettings> builtIn(BuiltInProfile profile) {
		return Layer.named("profile " + profile.profileName(), table(profile));
	}

	static KafkaSettings table(BuiltInProfile tier) {
		KafkaSettings settings = new KafkaSettings();
		KafkaSettings.Producer producer = settings.getProducer();
		KafkaSettings.Consumer consumer = settings.getConsumer();
		boolean quick = tier == BuiltInProfile.DEV || tier == BuiltInProfile.SERVERLESS;
		producer.setCompression("zstd");
		producer.setLinger(linger(tier));
		producer.setBatchSize(batchSize(tier));
		producer.setDeliveryTimeout(quick ? Duration.ofSeconds(30) : Duration.ofMinutes(2));
		producer.setRequestTimeout(quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30));
		producer.setCloseTimeout(closeTimeout(tier));
		consumer.setSessionTimeout(Duration.ofSeconds(30));
		consumer.setHeartbeatInterval(Duration.ofSeconds(3));
		consumer.setMaxPollInterval((tier == BuiltInProfile.SERVERLESS) ? Duration.ofMinutes(1) : Duration.ofMinutes(5));
		consumer.setFetchMaxWait((tier == BuiltInProfile.SERVERLESS) ? Duration.ofMillis(100) : Duration.ofMillis(500));
		settings.getAdmin().setConnectTimeout(Duration.ofSeconds(5));
		settings.getAdmin().setRequestTimeout(quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30));
		return settings;
	}

	private static Duration linger(BuiltInProfile tier) {
		return switch (tier) {
			case DEV -> Duration.ofMillis(5);
			case STAGING, PROD -> Duration.ofMillis(10);
			case PROD_HIGH_TRAFFIC -> Duration.ofMillis(20);
			case SERVERLESS -> Duration.ZERO;
		};
	}

	private static DataSize batchSize(BuiltInProfile tier) {
		return switch (tier) {
			case DEV, SERVERLESS -> DataSize.ofKilobytes(16);
			case STAGING -> DataSize.ofKilobytes(32);
			case PROD -> DataSize.ofKilobytes(64);
			case PROD_HIGH_TRAFFIC -> DataSize.ofKilobytes(256);
		};
	}

	private static Duration closeTimeout(BuiltInProfile tier) {
		return switch (tier) {
			case DEV -> Duration.ofSeconds(5);
			case STAGING, PROD -> Duration.ofSeconds(10);
			case PROD_HIGH_TRAFFIC -> Duration.ofSeconds(20);
			case SERVERLESS -> Duration.ofSeconds(2);
		};
	}

	/**
	 * Return the clients' own defaults, the weakest layer, which the starter never
	 * writes; {@code KafkaDefaultsTests} compares each with the client libraries.
	 * @return the layer
	 */
	static Layer<KafkaSettings> libraryDefaults() {
		return Layer.named(LIBRARY_ORIGIN, libraryDefaultSettings(), false);
	}

	static KafkaSettings libraryDefaultSettings() {
		KafkaSettings settings = new KafkaSettings();
		KafkaSettings.Producer producer = settings.getProducer();
		KafkaSettings.Consumer consumer = settings.getConsumer();
		settings.setStaticMembership(false);
		producer.setAcks("all");
		producer.setIdempotence(true);
		producer.setCompression("none");
		producer.setMaxInFlight(5);
		producer.setLinger(Duration.ofMillis(5));
		producer.setBatchSize(DataSize.ofKilobytes(16));
		producer.setDeliveryTimeout(Duration.ofMinutes(2));
		producer.setRequestTimeout(Duration.ofSeconds(30));
		producer.setRetries(Integer.MAX_VALUE);
		producer.setRetryBackoff(Duration.ofMillis(100));
		producer.setCloseTimeout(Duration.ofSeconds(30));
		consumer.setSessionTimeout(Duration.ofSeconds(45));
		consumer.setHeartbeatInterval(Duration.ofSeconds(3));
		consumer.setMaxPollInterval(Duration.ofMinutes(5));
		consumer.setFetchMaxWait(Duration.ofMillis(500));
		consumer.setMaxPartitionFetchBytes(DataSize.ofMegabytes(1));
		settings.getAdmin().setConnectTimeout(Duration.ofSeconds(10));
		settings.getAdmin().setRequestTimeout(Duration.ofSeconds(30));
		settings.getSecurity().setProtocol("PLAINTEXT");
		return settings;
	}

}
