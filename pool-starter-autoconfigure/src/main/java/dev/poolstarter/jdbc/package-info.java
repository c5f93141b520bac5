/**
 * What a PostgreSQL pool sees of its server and of its own use, usable without
 * auto-configuration.
 */
@NullMarked
package dev.poolstarter.jdbc;

import org.jspecify.annotations.NullMarked;
