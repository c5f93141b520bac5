/**
 * Finds the real servers the project's tests talk to.
 */
@NullMarked
package dev.poolstarter.test;

import org.jspecify.annotations.NullMarked;
