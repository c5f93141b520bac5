/**
 * The health status the starter adds to Spring Boot's.
 */
@NullMarked
package dev.poolstarter.health;

import org.jspecify.annotations.NullMarked;
