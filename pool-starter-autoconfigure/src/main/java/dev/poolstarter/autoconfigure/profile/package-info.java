/**
 * Property roots, profile tiers and the layered resolution of pool settings.
 */
@NullMarked
package dev.poolstarter.autoconfigure.profile;

import org.jspecify.annotations.NullMarked;
