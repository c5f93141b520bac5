/**
 * Auto-configuration of the Kafka clients: layered settings applied to the factories
 * Spring Boot builds.
 */
@NullMarked
package dev.poolstarter.autoconfigure.kafka;

import org.jspecify.annotations.NullMarked;
