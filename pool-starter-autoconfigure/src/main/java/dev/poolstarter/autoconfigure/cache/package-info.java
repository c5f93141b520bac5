/**
 * Auto-configuration of how a Spring Cache on Redis rides out a Redis outage.
 */
@NullMarked
package dev.poolstarter.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
