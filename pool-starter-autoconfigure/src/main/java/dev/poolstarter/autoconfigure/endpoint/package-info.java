/**
 * Actuator integration: what the starter shows, and hides, in actuator endpoints.
 */
@NullMarked
package dev.poolstarter.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
