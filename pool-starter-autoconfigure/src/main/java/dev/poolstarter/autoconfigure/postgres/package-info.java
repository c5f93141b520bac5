/**
 * Auto-configuration of the PostgreSQL pools, their health, meters, endpoint and web answers; wiring only.
 */
@NullMarked
package dev.poolstarter.autoconfigure.postgres;

import org.jspecify.annotations.NullMarked;
