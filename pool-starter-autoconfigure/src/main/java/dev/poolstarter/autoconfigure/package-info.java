/**
 * Auto-configuration of the starter: the pool.* properties and what every client shares; wiring only.
 */
@NullMarked
package dev.poolstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
