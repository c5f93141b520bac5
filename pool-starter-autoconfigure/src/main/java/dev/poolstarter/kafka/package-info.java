/**
 * The Kafka clients: settings and built-in profiles, their plan, and the checks of contradictory settings.
 */
@NullMarked
package dev.poolstarter.kafka;

import org.jspecify.annotations.NullMarked;
