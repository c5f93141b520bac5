/**
 * Micrometer meters of the starter's pools, usable without auto-configuration.
 */
@NullMarked
package dev.poolstarter.metrics;

import org.jspecify.annotations.NullMarked;
