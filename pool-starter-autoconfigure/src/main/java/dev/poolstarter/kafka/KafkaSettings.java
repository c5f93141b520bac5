package dev.poolstarter.kafka;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Settings of the Kafka clients that every layer can set: explicit properties
 * ({@code pool.kafka}), per-service entries ({@code pool.services.<name>.kafka}) and
 * profile tables ({@code pool.profiles.<profile>.kafka}). A {@code null} value means "not
 * set in this layer".
 *
 * @author pool-starter
 * @since 0.1.0
 */
public class KafkaSettings {

	/**
	 * Whether to apply the starter's Kafka client settings; read from pool.kafka only.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Comma-separated list of host:port pairs of the Kafka brokers. Defaults to the
	 * KAFKA_BROKERS environment variable, else spring.kafka.bootstrap-servers.
	 */
	private @Nullable List<String> bootstrapServers;

	/**
	 * Client id of the producers and the admin client; consumers keep spring-kafka's own
	 * ids. Defaults to the service name and the instance id, joined by a hyphen.
	 */
	private @Nullable String clientId;

	/**
	 * Consumer group id. Defaults to spring.kafka.consumer.group-id, else the service
	 * name.
	 */
	private @Nullable String groupId;

	/**
	 * Whether consumers join their group with a static group.instance.id
	 * ('service-instance-listener'), so that a restart within the session timeout does
	 * not rebalance the group.
	 */
	private @Nullable Boolean staticMembership;

	/**
	 * Producer settings.
	 */
	private final Producer producer = new Producer();

	/**
	 * Consumer settings.
	 */
	private final Consumer consumer = new Consumer();

	/**
	 * Admin settings.
	 */
	private final Admin admin = new Admin();

	/**
	 * Security settings.
	 */
	private final Security security = new Security();

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable List<String> getBootstrapServers() {
		return this.bootstrapServers;
	}

	public void setBootstrapServers(@Nullable List<String> bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getGroupId() {
		return this.groupId;
	}

	public void setGroupId(@Nullable String groupId) {
		this.groupId = groupId;
	}

	public @Nullable Boolean getStaticMembership() {
		return this.staticMembership;
	}

	public void setStaticMembership(@Nullable Boolean staticMembership) {
		this.staticMembership = staticMembership;
	}

	public Producer getProducer() {
		return this.producer;
	}

	public Consumer getConsumer() {
		return this.consumer;
	}

	public Admin getAdmin() {
		return this.admin;
	}

	public Security getSecurity() {
		return this.security;
	}

	/**
	 * Settings of the producers.
	 */
	public static class Producer {

		/**
		 * Acknowledgements the leader must receive before a send completes.
		 */
		private @Nullable String acks;

		/**
		 * Whether the producer is idempotent, so that retries never write duplicates.
		 */
		private @Nullable Boolean idempotence;

		/**
		 * Compression codec of record batches.
		 */
		private @Nullable String compression;

		/**
		 * Maximum number of unacknowledged requests per connection; at most 5 with
		 * idempotence.
		 */
		private @Nullable Integer maxInFlight;

		/**
		 * How long the producer waits to fill a batch before sending it. Defaults to the
		 * profile's value: dev 5ms, staging 10ms, prod 10ms, prod-high-traffic 20ms,
		 * serverless 0.
		 */
		private @Nullable Duration linger;

		/**
		 * Largest batch of records sent to one partition in one request. Defaults to the
		 * profile's value: dev 16KB, staging 32KB, prod 64KB, prod-high-traffic 256KB,
		 * serverless 16KB.
		 */
		private @Nullable DataSize batchSize;

		/**
		 * Upper bound on the time to report success or failure of a send, retries
		 * included; at least linger plus request timeout. Defaults to the profile's
		 * value: 30s in dev and serverless, 2m elsewhere.
		 */
		private @Nullable Duration deliveryTimeout;

		/**
		 * Longest time the producer waits for the response to one request. Defaults to the
		 * profile's value: 10s in dev and serverless, 30s elsewhere.
		 */
		private @Nullable Duration requestTimeout;

		/**
		 * Number of times a failed send is retried within the delivery timeout.
		 */
		private @Nullable Integer retries;

		/**
		 * Time to wait before the first retry of a failed request.
		 */
		private @Nullable Duration retryBackoff;

		/**
		 * Longest time closing a producer waits for buffered records to be sent. Defaults
		 * to the profile's value: dev 5s, staging 10s, prod 10s, prod-high-traffic 20s,
		 * serverless 2s.
		 */
		private @Nullable Duration closeTimeout;

		public @Nullable String getAcks() {
			return this.acks;
		}

		public void setAcks(@Nullable String acks) {
			this.acks = acks;
		}

		public @Nullable Boolean getIdempotence() {
			return this.idempotence;
		}

		public void setIdempotence(@Nullable Boolean idempotence) {
			this.idempotence = idempotence;
		}

		public @Nullable String getCompression() {
			return this.compression;
		}

		public void setCompression(@Nullable String compression) {
			this.compression = compression;
		}

		public @Nullable Integer getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(@Nullable Integer maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public @Nullable Duration getLinger() {
			return this.linger;
		}

		public void setLinger(@Nullable Duration linger) {
			this.linger = linger;
		}

		public @Nullable DataSize getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable DataSize batchSize) {
			this.batchSize = batchSize;
		}

		public @Nullable Duration getDeliveryTimeout() {
			return this.deliveryTimeout;
		}

		public void setDeliveryTimeout(@Nullable Duration deliveryTimeout) {
			this.deliveryTimeout = deliveryTimeout;
		}

		public @Nullable Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public @Nullable Integer getRetries() {
			return this.retries;
		}

		public void setRetries(@Nullable Integer retries) {
			this.retries = retries;
		}

		public @Nullable Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(@Nullable Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public @Nullable Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(@Nullable Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

	}

	/**
	 * Settings of the consumers.
	 */
	public static class Consumer {

		/**
		 * Time after which a consumer that sends no heartbeat leaves its group.
		 */
		private @Nullable Duration sessionTimeout;

		/**
		 * Time between heartbeats to the group coordinator; below a third of the session
		 * timeout.
		 */
		private @Nullable Duration heartbeatInterval;

		/**
		 * Longest time between two polls before the consumer leaves its group. Defaults
		 * to the profile's value: 1m in serverless, 5m elsewhere.
		 */
		private @Nullable Duration maxPollInterval;

		/**
		 * Longest time the broker waits to fill a fetch response. Defaults to the
		 * profile's value: 100ms in serverless, 500ms elsewhere.
		 */
		private @Nullable Duration fetchMaxWait;

		/**
		 * Most data the broker returns per partition in one fetch.
		 */
		private @Nullable DataSize maxPartitionFetchBytes;

		public @Nullable Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		public void setSessionTimeout(@Nullable Duration sessionTimeout) {
			this.sessionTimeout = sessionTimeout;
		}

		public @Nullable Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public @Nullable Duration getMaxPollInterval() {
			return this.maxPollInterval;
		}

		public void setMaxPollInterval(@Nullable Duration maxPollInterval) {
			this.maxPollInterval = maxPollInterval;
		}

		public @Nullable Duration getFetchMaxWait() {
			return this.fetchMaxWait;
		}

		public void setFetchMaxWait(@Nullable Duration fetchMaxWait) {
			this.fetchMaxWait = fetchMaxWait;
		}

		public @Nullable DataSize getMaxPartitionFetchBytes() {
			return this.maxPartitionFetchBytes;
		}

		public void setMaxPartitionFetchBytes(@Nullable DataSize maxPartitionFetchBytes) {
			this.maxPartitionFetchBytes = maxPartitionFetchBytes;
		}

	}

	/**
	 * Settings of the admin client.
	 */
	public static class Admin {

		/**
		 * Longest time the admin client waits for a connection to a broker.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Longest time the admin client waits for the response to one request. Defaults to
		 * the profile's value: 10s in dev and serverless, 30s elsewhere.
		 */
		private @Nullable Duration requestTimeout;

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

	}

	/**
	 * How the clients authenticate and encrypt their connections.
	 */
	public static class Security {

		/**
		 * Protocol used to talk to the brokers. Defaults to
		 * spring.kafka.security.protocol when that is set.
		 */
		private @Nullable String protocol;

		/**
		 * SASL mechanism; the starter writes the JAAS configuration of PLAIN and SCRAM
		 * from the username and password. Defaults to PLAIN when a username is set.
		 */
		private @Nullable String saslMechanism;

		/**
		 * SASL user name. Default none.
		 */
		private @Nullable String username;

		/**
		 * SASL password, never logged. Default none.
		 */
		private @Nullable String password;

		/**
		 * Location of the trust store file for SSL. Defaults to the JVM's trust store.
		 */
		private @Nullable String truststoreLocation;

		/**
		 * Password of the trust store, never logged. Default none.
		 */
		private @Nullable String truststorePassword;

		public @Nullable String getProtocol() {
			return this.protocol;
		}

		public void setProtocol(@Nullable String protocol) {
			this.protocol = protocol;
		}

		public @Nullable String getSaslMechanism() {
			return this.saslMechanism;
		}

		public void setSaslMechanism(@Nullable String saslMechanism) {
			this.saslMechanism = saslMechanism;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getTruststoreLocation() {
			return this.truststoreLocation;
		}

		public void setTruststoreLocation(@Nullable String truststoreLocation) {
			this.truststoreLocation = truststoreLocation;
		}

		public @Nullable String getTruststorePassword() {
			return this.truststorePassword;
		}

		public void setTruststorePassword(@Nullable String truststorePassword) {
			this.truststorePassword = truststorePassword;
		}

	}

}
