/**
 * The pool actuator endpoint: every setting with its origin, the budget and a sizing recommendation.
 */
@NullMarked
package dev.poolstarter.postgres.endpoint;

import org.jspecify.annotations.NullMarked;
