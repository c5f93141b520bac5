/**
 * Auto-configuration of how the web layer answers pool failures.
 */
@NullMarked
package dev.poolstarter.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
