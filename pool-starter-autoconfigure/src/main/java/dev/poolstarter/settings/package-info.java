/**
 * The one engine of layered settings (a value and where it came from), the selection of profile, service and instance, and the masking and formatting of values for logs and endpoints.
 */
@NullMarked
package dev.poolstarter.settings;

import org.jspecify.annotations.NullMarked;
