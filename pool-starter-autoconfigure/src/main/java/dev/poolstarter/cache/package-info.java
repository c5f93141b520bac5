/**
 * A Spring Cache on Redis that fails fast while Redis is down and logs its errors once per
 * interval, usable without auto-configuration.
 */
@NullMarked
package dev.poolstarter.cache;

import org.jspecify.annotations.NullMarked;
