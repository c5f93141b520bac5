/**
 * Auto-configuration of the application's Redis (Lettuce) client.
 */
@NullMarked
package dev.poolstarter.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
