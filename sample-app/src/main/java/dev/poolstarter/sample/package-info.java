/**
 * A small service that gets its PostgreSQL pool, and optionally its Kafka clients, from
 * pool-starter.
 */
@NullMarked
package dev.poolstarter.sample;

import org.jspecify.annotations.NullMarked;
