/**
 * Auto-configuration of the pools' Micrometer metrics.
 */
@NullMarked
package dev.poolstarter.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
