/**
 * Auto-configuration of the Kafka clients Spring Boot builds, and their health; wiring
 * only.
 */
@NullMarked
package dev.poolstarter.autoconfigure.kafka;

import org.jspecify.annotations.NullMarked;
