package dev.poolstarter.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.poolstarter.settings.Setting;

import org.springframework.util.unit.DataSize;

/**
 * One layered Kafka client setting: its property name, how to read it from a
 * {@link KafkaSettings} and the client configuration key it becomes.
 *
 * @param <T> the value type
 * @param key the property name below {@code pool.kafka}, such as {@code producer.linger}
 * @param type the value type
 * @param getter reads the setting from a layer
 * @param client the clients the setting applies to
 * @param kafkaKey the client configuration key, or {@code null} when the setting is
 * applied some other way
 * @param secret whether the value must never be shown
 * @author pool-starter
 */
public record KafkaSetting<T>(String key, Class<T> type, Function<KafkaSettings, @Nullable T> getter, KafkaClientType client,
		@Nullable String kafkaKey, boolean secret) implements Setting<KafkaSettings, T> {

	@SuppressWarnings("unchecked")
	public static final KafkaSetting<List<String>> BOOTSTRAP_SERVERS = new KafkaSetting<>("bootstrap-servers",
			(Class<List<String>>) (Class<?>) List.class, KafkaSettings::getBootstrapServers, KafkaClientType.COMMON,
			"bootstrap.servers", false);

	public static final KafkaSetting<String> CLIENT_ID = common("client-id", String.class, KafkaSettings::getClientId,
			"client.id");

	public static final KafkaSetting<String> GROUP_ID = of("group-id", String.class, KafkaSettings::getGroupId,
			KafkaClientType.CONSUMER, "group.id");

	public static final KafkaSetting<Boolean> STATIC_MEMBERSHIP = of("static-membership", Boolean.class,
			KafkaSettings::getStaticMembership, KafkaClientType.NONE, null);

	public static final KafkaSetting<String> ACKS = producer("acks", String.class, (s) -> s.getProducer().getAcks(), "acks");

	public static final KafkaSetting<Boolean> IDEMPOTENCE = producer("idempotence", Boolean.class,
			(s) -> s.getProducer().getIdempotence(), "enable.idempotence");

	public static final KafkaSetting<String> COMPRESSION = producer("compression", String.class,
			(s) -> s.getProducer().getCompression(), "compression.type");

	public static final KafkaSetting<Integer> MAX_IN_FLIGHT = producer("max-in-flight", Integer.class,
			(s) -> s.getProducer().getMaxInFlight(), "max.in.flight.requests.per.connection");

	public static final KafkaSetting<Duration> LINGER = producer("linger", Duration.class,
			(s) -> s.getProducer().getLinger(), "linger.ms");

	public static final KafkaSetting<DataSize> BATCH_SIZE = producer("batch-size", DataSize.class,
			(s) -> s.getProducer().getBatchSize(), "batch.size");

	public static final KafkaSetting<Duration> DELIVERY_TIMEOUT = producer("delivery-timeout", Duration.class,
			(s) -> s.getProducer().getDeliveryTimeout(), "delivery.timeout.ms");

	public static final KafkaSetting<Duration> REQUEST_TIMEOUT = producer("request-timeout", Duration.class,
			(s) -> s.getProducer().getRequestTimeout(), "request.timeout.ms");

	public static final KafkaSetting<Integer> RETRIES = producer("retries", Integer.class,
			(s) -> s.getProducer().getRetries(), "retries");

	public static final KafkaSetting<Duration> RETRY_BACKOFF = producer("retry-backoff", Duration.class,
			(s) -> s.getProducer().getRetryBackoff(), "retry.backoff.ms");

	public static final KafkaSetting<Duration> CLOSE_TIMEOUT = of("producer.close-timeout", Duration.class,
			(s) -> s.getProducer().getCloseTimeout(), KafkaClientType.NONE, null);

	public static final KafkaSetting<Duration> SESSION_TIMEOUT = consumer("session-timeout", Duration.class,
			(s) -> s.getConsumer().getSessionTimeout(), "session.timeout.ms");

	public static final KafkaSetting<Duration> HEARTBEAT_INTERVAL = consumer("heartbeat-interval", Duration.class,
			(s) -> s.getConsumer().getHeartbeatInterval(), "heartbeat.interval.ms");

	public static final KafkaSetting<Duration> MAX_POLL_INTERVAL = consumer("max-poll-interval", Duration.class,
			(s) -> s.getConsumer().getMaxPollInterval(), "max.poll.interval.ms");

	public static final KafkaSetting<Duration> FETCH_MAX_WAIT = consumer("fetch-max-wait", Duration.class,
			(s) -> s.getConsumer().getFetchMaxWait(), "fetch.max.wait.ms");

	public static final KafkaSetting<DataSize> MAX_PARTITION_FETCH_BYTES = consumer("max-partition-fetch-bytes",
			DataSize.class, (s) -> s.getConsumer().getMaxPartitionFetchBytes(), "max.partition.fetch.bytes");

	public static final KafkaSetting<Duration> ADMIN_CONNECT_TIMEOUT = of("admin.connect-timeout", Duration.class,
			(s) -> s.getAdmin().getConnectTimeout(), KafkaClientType.ADMIN, "socket.connection.setup.timeout.ms");

	public static final KafkaSetting<Duration> ADMIN_REQUEST_TIMEOUT = of("admin.request-timeout", Duration.class,
			(s) -> s.getAdmin().getRequestTimeout(), KafkaClientType.ADMIN, "request.timeout.ms");

	public static final KafkaSetting<String> SECURITY_PROTOCOL = common("security.protocol", String.class,
			(s) -> s.getSecurity().getProtocol(), "security.protocol");

	public static final KafkaSetting<String> SASL_MECHANISM = common("security.sasl-mechanism", String.class,
			(s) -> s.getSecurity().getSaslMechanism(), "sasl.mechanism");

	public static final KafkaSetting<String> USERNAME = of("security.username", String.class,
			(s) -> s.getSecurity().getUsername(), KafkaClientType.NONE, null);

	public static final KafkaSetting<String> PASSWORD = new KafkaSetting<>("security.password", String.class,
			(s) -> s.getSecurity().getPassword(), KafkaClientType.NONE, null, true);

	public static final KafkaSetting<String> TRUSTSTORE_LOCATION = common("security.truststore-location", String.class,
			(s) -> s.getSecurity().getTruststoreLocation(), "ssl.truststore.location");

	public static final KafkaSetting<String> TRUSTSTORE_PASSWORD = new KafkaSetting<>("security.truststore-password",
			String.class, (s) -> s.getSecurity().getTruststorePassword(), KafkaClientType.COMMON,
			"ssl.truststore.password", true);

	/**
	 * Every layered setting, in the order of the start-up table.
	 */
	public static final List<KafkaSetting<?>> ALL = List.of(BOOTSTRAP_SERVERS, CLIENT_ID, GROUP_ID, STATIC_MEMBERSHIP, ACKS,
			IDEMPOTENCE, COMPRESSION, MAX_IN_FLIGHT, LINGER, BATCH_SIZE, DELIVERY_TIMEOUT, REQUEST_TIMEOUT, RETRIES,
			RETRY_BACKOFF, CLOSE_TIMEOUT, SESSION_TIMEOUT, HEARTBEAT_INTERVAL, MAX_POLL_INTERVAL, FETCH_MAX_WAIT,
			MAX_PARTITION_FETCH_BYTES, ADMIN_CONNECT_TIMEOUT, ADMIN_REQUEST_TIMEOUT, SECURITY_PROTOCOL,
			SASL_MECHANISM, USERNAME, PASSWORD, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD);

	private static <T> KafkaSetting<T> of(String key, Class<T> type, Function<KafkaSettings, @Nullable T> getter,
			KafkaClientType client, @Nullable String kafkaKey) {
		return new KafkaSetting<>(key, type, getter, client, kafkaKey, false);
	}

	private static <T> KafkaSetting<T> common(String key, Class<T> type, Function<KafkaSettings, @Nullable T> getter,
			String kafkaKey) {
		return of(key, type, getter, KafkaClientType.COMMON, kafkaKey);
	}

	private static <T> KafkaSetting<T> producer(String key, Class<T> type,
			Function<KafkaSettings, @Nullable T> getter, String kafkaKey) {
		return of("producer." + key, type, getter, KafkaClientType.PRODUCER, kafkaKey);
	}

	private static <T> KafkaSetting<T> consumer(String key, Class<T> type,
			Function<KafkaSettings, @Nullable T> getter, String kafkaKey) {
		return of("consumer." + key, type, getter, KafkaClientType.CONSUMER, kafkaKey);
	}

	@Override
	public @Nullable T read(KafkaSettings settings) {
		return this.getter.apply(settings);
	}

	/**
	 * Return a value in the text form of the Kafka client configuration.
	 * @param value the value
	 * @return the text, such as {@code 20} for a linger of 20 ms
	 */
	public static String kafkaText(Object value) {
		if (value instanceof Duration duration) {
			return String.valueOf(duration.toMillis());
		}
		if (value instanceof DataSize size) {
			return String.valueOf(size.toBytes());
		}
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

	/**
	 * Convert a value of a Kafka client configuration into this setting's type.
	 * @param value the configuration value, such as {@code 20} or {@code "20"}
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public T fromKafka(Object value) {
		String text = kafkaText(value).trim();
		Object converted;
		if (this.type == Duration.class) {
			converted = Duration.ofMillis(Long.parseLong(text));
		}
		else if (this.type == DataSize.class) {
			converted = DataSize.ofBytes(Long.parseLong(text));
		}
		else if (this.type == Integer.class) {
			converted = Integer.valueOf(text);
		}
		else if (this.type == Boolean.class) {
			converted = Boolean.valueOf(text);
		}
		else if (this.type == List.class) {
			converted = Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
		}
		else {
			converted = text;
		}
		return (T) converted;
	}

}
