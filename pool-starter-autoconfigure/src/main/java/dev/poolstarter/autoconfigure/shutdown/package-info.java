/**
 * Auto-configuration of the ordered, bounded shutdown of the starter's clients.
 */
@NullMarked
package dev.poolstarter.autoconfigure.shutdown;

import org.jspecify.annotations.NullMarked;
