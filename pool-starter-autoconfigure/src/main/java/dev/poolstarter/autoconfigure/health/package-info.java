/**
 * Auto-configuration of the pools' health indicators and health defaults.
 */
@NullMarked
package dev.poolstarter.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
