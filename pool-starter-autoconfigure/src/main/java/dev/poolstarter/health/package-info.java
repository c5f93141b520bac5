/**
 * Health indicators of the starter's pools, usable without auto-configuration.
 */
@NullMarked
package dev.poolstarter.health;

import org.jspecify.annotations.NullMarked;
