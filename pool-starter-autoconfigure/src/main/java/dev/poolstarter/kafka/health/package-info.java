/**
 * Health of the Kafka clients: the cluster and the listener containers.
 */
@NullMarked
package dev.poolstarter.kafka.health;

import org.jspecify.annotations.NullMarked;
